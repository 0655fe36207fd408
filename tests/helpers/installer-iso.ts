// An installer-shaped ISO of the test guest (isolinux boot record, kernel, initrd): what the new-guest
// wizard's "local install media" path attaches. Built once per process into a temp dir with xorriso.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureTestGuestImage } from "./test-guest";

const built = new Map<string, string>();

/**
 * `volumeLabel`: what osinfo reads to detect the OS (e.g. Debian 11's label makes it "Debian 11").
 * `hybrid`: with an MBR (isohybrid) too, so the image also boots as a hard disk: a stand-in for a cloud image.
 */
export function buildInstallerIso(volumeLabel = "TESTGUEST_INSTALL", { hybrid = false } = {}): string {
  const key = `${volumeLabel}${hybrid ? " (hybrid)" : ""}`;
  const cached = built.get(key);
  if (cached) return cached;
  const image = ensureTestGuestImage();
  const dir = mkdtempSync(path.join(tmpdir(), "vc-installer-"));
  const tree = path.join(dir, "tree");
  mkdirSync(path.join(tree, "isolinux"), { recursive: true });
  copyFileSync("/usr/lib/ISOLINUX/isolinux.bin", path.join(tree, "isolinux", "isolinux.bin"));
  copyFileSync("/usr/lib/syslinux/modules/bios/ldlinux.c32", path.join(tree, "isolinux", "ldlinux.c32"));
  copyFileSync(image.kernel, path.join(tree, "vmlinuz"));
  copyFileSync(image.initrd, path.join(tree, "initrd.img"));
  writeFileSync(
    path.join(tree, "isolinux", "isolinux.cfg"),
    `DEFAULT install\nTIMEOUT 1\nLABEL install\n  KERNEL /vmlinuz\n  APPEND initrd=/initrd.img ${image.cmdline}\n`,
  );
  const iso = path.join(dir, "installer.iso");
  execFileSync("xorriso", [
    "-as",
    "mkisofs",
    "-quiet",
    "-V",
    volumeLabel,
    "-b",
    "isolinux/isolinux.bin",
    "-c",
    "isolinux/boot.cat",
    "-no-emul-boot",
    "-boot-load-size",
    "4",
    "-boot-info-table",
    ...(hybrid ? ["-isohybrid-mbr", "/usr/lib/ISOLINUX/isohdpfx.bin"] : []),
    "-o",
    iso,
    tree,
  ]);
  built.set(key, iso);
  return iso;
}
