import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import { Domain, StorageVolume } from "@/lib/xml";
import { fetchIntoVolume, installerUrl, readInstallTree } from "./install-tree";

/**
 * For an install from a tree: fetches its installer kernel and initrd into volumes (pushed onto
 * `made` for the caller's rollback) and returns the one-time install definition: the guest booting
 * that kernel with inst.repo (and inst.ks) on its command line, and powering off at the installer's
 * reboot instead of booting it again. The persistent definition (`domain`) stays as it is.
 */
export async function networkInstall(lv: Libvirt, input: NewGuestInput, domain: Domain, made: VolumeRef[]): Promise<string> {
  if (input.install.method !== "url") throw new Error("not a network install");
  const tree = await readInstallTree(input.install.url, domain.os.arch ?? "x86_64");
  const pool = await lv.storage.lookupPool(input.storage.kind === "new" ? input.storage.pool : "default");
  for (const [suffix, url] of [
    ["install-kernel", tree.kernel],
    ["install-initrd", tree.initrd],
  ] as const) {
    made.push(await fetchIntoVolume(lv, pool, `${input.name}-${suffix}`, url));
  }
  const [kernel, initrd] = await Promise.all(
    made.slice(-2).map(async (v) => StorageVolume.parse(await lv.storage.volumeXml(v)).targetPath ?? v.key),
  );
  const install = Domain.parse(domain.toXml());
  install.os.kernel = kernel;
  install.os.initrd = initrd;
  install.os.cmdline = [
    `inst.repo=${installerUrl(input.install.url)}`,
    input.install.kickstart ? `inst.ks=${installerUrl(input.install.kickstart)}` : "",
    input.install.kernelArgs,
  ]
    .filter(Boolean)
    .join(" ");
  install.onReboot = "destroy";
  return install.toXml();
}
