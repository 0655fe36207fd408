import "server-only";
import { remoteProcedures as p, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain, type Disk } from "@/lib/xml";
import { resolveGuest } from "./guest-target";

export type DeletePlan = {
  volumes: { target: string; path: string; pool: string | null; deletable: boolean; reason?: string }[];
  snapshots: number;
  nvram: string | null;
  persistent: boolean;
};

/** The storage volume behind a disk, if libvirt manages it in a pool. */
async function volumeOf(lv: Libvirt, disk: Disk): Promise<{ path: string; pool: string } | null> {
  try {
    const source = disk.sourceFile ?? disk.sourceDev;
    const vol =
      disk.sourcePool && disk.sourceVolume
        ? await lv.storage.lookupVolume(await lv.storage.lookupPool(disk.sourcePool), disk.sourceVolume)
        : source
          ? (await lv.client.call(p.STORAGE_VOL_LOOKUP_BY_PATH, { path: source })).vol
          : null;
    if (!vol) return null;
    const [{ pool }, { name: path }] = await Promise.all([
      lv.client.call(p.STORAGE_POOL_LOOKUP_BY_VOLUME, { vol }),
      lv.client.call(p.STORAGE_VOL_GET_PATH, { vol }),
    ]);
    return { path, pool: pool.name };
  } catch {
    return null;
  }
}

/**
 * What deleting this guest would remove, as virt-manager's delete dialog lists it: each disk's volume
 * (only pool volumes can be deleted, and shared or read-only media such as install ISOs are left
 * alone), the snapshot count and the UEFI variable store.
 */
export async function planDeletion(lv: Libvirt, dom: DomainRef): Promise<DeletePlan> {
  const [xml, snapshots, persistent] = await Promise.all([
    // INACTIVE: the disks the guest will have, not hot-plugged leftovers.
    lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE),
    lv.client.call(p.DOMAIN_SNAPSHOT_NUM, { dom, flags: 0 }).then((r) => r.num),
    lv.client.call(p.DOMAIN_IS_PERSISTENT, { dom }).then((r) => r.persistent !== 0),
  ]);
  const domain = Domain.parse(xml);
  const nvram = domain.os?.nvram?.trim() || null;
  const volumes = await Promise.all(
    domain.devices.disks.items.map(async (disk) => {
      const vol = await volumeOf(lv, disk);
      const path = vol?.path ?? disk.sourceDescription ?? "(no source)";
      const reason = !vol
        ? "not a storage volume libvirt manages"
        : disk.device === "cdrom" || disk.device === "floppy" || disk.readonly
          ? "read-only media, probably used by other guests"
          : disk.shareable
            ? "shared with other guests"
            : undefined;
      return { target: disk.targetDev ?? "", path, pool: vol?.pool ?? null, deletable: !reason, ...(reason ? { reason } : {}) };
    }),
  );
  return { volumes, snapshots, nvram, persistent };
}

export async function getDeletePlan(hostId: string, uuid: string): Promise<DeletePlan> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  return planDeletion(lv, dom);
}
