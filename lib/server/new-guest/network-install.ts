import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import { Domain, StorageVolume } from "@/lib/xml";
import { gzipSync } from "node:zlib";
import { cpioNewc } from "@/lib/archive/cpio-newc";
import type { PreparedScript } from "../unattended/prepare";
import { fetchIntoVolume, installerUrl, readInstallTree } from "./install-tree";

/**
 * For an install from a tree: fetches its installer kernel and initrd into volumes (pushed onto
 * `made` for the caller's rollback) and returns the one-time install definition: the guest booting
 * that kernel with inst.repo (and inst.ks) on its command line, and powering off at the installer's
 * reboot instead of booting it again. The persistent definition (`domain`) stays as it is. With an
 * unattended script, the script goes into the initrd (a gzipped newc archive appended to it, as
 * virt-install injects it) and its kernel arguments onto the command line.
 */
export async function networkInstall(
  lv: Libvirt,
  input: NewGuestInput,
  domain: Domain,
  made: VolumeRef[],
  script?: PreparedScript,
): Promise<string> {
  if (input.install.method !== "url") throw new Error("not a network install");
  const tree = await readInstallTree(input.install.url, domain.os.arch ?? "x86_64");
  const pool = await lv.storage.lookupPool(input.storage.kind === "new" ? input.storage.pool : "default");
  for (const [suffix, url] of [
    ["install-kernel", tree.kernel],
    ["install-initrd", tree.initrd],
  ] as const) {
    const append =
      suffix === "install-initrd" && script ? gzipSync(cpioNewc([{ name: script.filename, data: script.content }])) : undefined;
    made.push(await fetchIntoVolume(lv, pool, `${input.name}-${suffix}`, url, append));
  }
  const [kernel, initrd] = await Promise.all(
    made.slice(-2).map(async (v) => StorageVolume.parse(await lv.storage.volumeXml(v)).targetPath ?? v.key),
  );
  const install = Domain.parse(domain.toXml());
  install.os.kernel = kernel;
  install.os.initrd = initrd;
  // A kickstart's own arguments name the tree already (inst.repo= or method=).
  const scriptNamesTree = / (inst\.repo|method)=/.test(` ${script?.kernelArgs ?? ""}`);
  install.os.cmdline = [
    scriptNamesTree ? "" : `inst.repo=${installerUrl(input.install.url)}`,
    script?.kernelArgs ?? "",
    input.install.kickstart ? `inst.ks=${installerUrl(input.install.kickstart)}` : "",
    input.install.kernelArgs,
  ]
    .filter(Boolean)
    .join(" ");
  install.onReboot = "destroy";
  return install.toXml();
}
