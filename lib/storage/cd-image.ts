// Shared by server and browser: which volumes are CD/DVD images (installer media), so lists offer
// them where media belong and leave them out where disks belong.

/** libvirt probes ISO 9660 files as format "iso"; a raw volume named *.iso counts too. */
export function isCdImage(volume: { name: string; format?: string | null }): boolean {
  return volume.format === "iso" || ((volume.format ?? "raw") === "raw" && /\.iso$/i.test(volume.name));
}
