import "server-only";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { Libvirt } from "@/lib/libvirt";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import type { CloudInitInput } from "@/lib/validations/cloud-init";
import { Disk, StorageVolume, type Domain } from "@/lib/xml";
import { ApiError } from "../http/errors";
import { SEED_ALIAS, type SeedFiles } from "@/lib/new-guest/cloud-init";
import { renderSeed } from "./render";
import { buildSeedIso } from "./seed-iso";

export { SEED_ALIAS };

/** The seed volume's name in the pool: next to the guest's disk, named after the guest. */
export const seedVolumeName = (guestName: string) => `${guestName}-cidata.iso`;

/** The first free sdX name among the definition's disks. */
export function freeTarget(domain: Domain): string {
  const taken = new Set(domain.devices.disks.items.map((d) => d.targetDev));
  for (let i = 0; i < 26; i++) {
    const dev = `sd${String.fromCharCode(97 + i)}`;
    if (!taken.has(dev)) return dev;
  }
  throw new ApiError(409, { key: "noSeedDrive" });
}

/**
 * Builds a guest's NoCloud seed (user-data, meta-data, network-config on an ISO labelled cidata),
 * uploads it as a new volume of `pool` through libvirt's upload stream (so SSH-reached hosts work
 * too), and adds it to `domain` as a read-only CD-ROM (SATA on q35, IDE otherwise) that boots after
 * the disk. The domain is not defined here: the caller defines it, and deletes the returned volume if
 * anything later fails. For the new-guest wizard and "new guest from template".
 */
export async function attachCloudInitSeed(
  lv: Libvirt,
  {
    pool: poolName,
    guestName,
    domain,
    config,
    instanceId = `${guestName}-${randomUUID()}`,
  }: {
    pool: string;
    guestName: string;
    domain: Domain;
    config: CloudInitInput;
    instanceId?: string;
  },
): Promise<{ volume: VolumeRef; files: SeedFiles }> {
  const files = renderSeed(config, instanceId);
  const iso = await buildSeedIso(files);
  const volume = await attachIsoMedium(lv, {
    pool: poolName,
    name: seedVolumeName(guestName),
    iso,
    domain,
    alias: SEED_ALIAS,
    clash: { "install.cloudInit": { key: "removeOldSeed" } },
  });
  return { volume, files };
}

/**
 * One of the console's own small media (a cloud-init seed, an unattended install's script): the ISO uploaded as
 * a new volume `name` of `pool` through libvirt's upload stream (so SSH-reached hosts work too) and added to
 * `domain` as a read-only CD-ROM (SATA on q35, IDE otherwise) with `alias`, by which the console finds it again
 * to remove it. A volume of that name already there is refused (with `clash` as its field message); the volume
 * is deleted again if it cannot be filled.
 */
export async function attachIsoMedium(
  lv: Libvirt,
  {
    pool: poolName,
    name,
    iso,
    domain,
    alias,
    clash,
  }: { pool: string; name: string; iso: Buffer; domain: Domain; alias: string; clash?: ConstructorParameters<typeof ApiError>[2] },
): Promise<VolumeRef> {
  const pool = await lv.storage.lookupPool(poolName);
  if ((await lv.storage.listVolumes(pool)).some((v) => v.name === name))
    throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name } }, clash);
  const volume = await lv.storage.createVolume(
    pool,
    new StorageVolume({ name, capacityBytes: iso.length, allocationBytes: iso.length, format: "raw" }).toXml(),
  );
  try {
    await lv.storage.upload(volume, Readable.from([iso]), 0n, BigInt(iso.length));
    domain.devices.add(
      new Disk({
        type: "volume",
        device: "cdrom",
        driverName: "qemu",
        driverType: "raw",
        sourcePool: poolName,
        sourceVolume: name,
        targetDev: freeTarget(domain),
        targetBus: domain.os.machine?.includes("q35") ? "sata" : "ide",
        readonly: true,
        alias,
      }),
    );
    return volume;
  } catch (err) {
    await lv.storage.deleteVolume(volume).catch(() => undefined);
    throw err;
  }
}
