// Installer-like ISO images in libvirt's default pool, for detection and wizard tests.
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Libvirt } from "../../lib/libvirt";
import type { VolumeRef } from "../../lib/libvirt/api/storage";

/** Debian 11's volume label, which osinfo-db's media rules recognise. */
export const DEBIAN_11_LABEL = "Debian 11.5.0 amd64 n";

/** A small ISO with the given volume label (and system id LINUX), made with xorriso. */
export function labelledIso(volumeLabel: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "vc-iso-"));
  writeFileSync(path.join(dir, "README"), "installer\n");
  const iso = path.join(dir, "labelled.iso");
  execFileSync("xorriso", ["-as", "mkisofs", "-quiet", "-V", volumeLabel, "-sysid", "LINUX", "-o", iso, path.join(dir, "README")]);
  rmSync(path.join(dir, "README"));
  return iso;
}

/** Copies a local file into a new raw volume of the default pool through libvirt's upload stream. */
export async function uploadToDefaultPool(lv: Libvirt, name: string, file: string): Promise<VolumeRef> {
  const pool = await lv.storage.lookupPool("default");
  const size = statSync(file).size;
  const vol = await lv.storage.createVolume(
    pool,
    `<volume><name>${name}</name><capacity unit='bytes'>${size}</capacity><target><format type='raw'/></target></volume>`,
  );
  await lv.storage.upload(vol, createReadStream(file), 0n, BigInt(size));
  return vol;
}
