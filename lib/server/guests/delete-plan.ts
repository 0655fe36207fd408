import "server-only";
import { DOMParser } from "@xmldom/xmldom";
import { remoteProcedures as p, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { resolveGuest } from "./guest-target";

export type DeletePlan = {
  volumes: { target: string; path: string; pool: string | null; deletable: boolean; reason?: string }[];
  snapshots: number;
  nvram: string | null;
  persistent: boolean;
};

type DiskSource = { target: string; device: string; path: string | null; pool: string | null; volume: string | null; readonly: boolean; shareable: boolean };

function disksOf(xml: string): { disks: DiskSource[]; nvram: string | null } {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const disks = Array.from(doc.getElementsByTagName("disk")).map((disk) => {
    const source = disk.getElementsByTagName("source")[0];
    return {
      target: disk.getElementsByTagName("target")[0]?.getAttribute("dev") ?? "",
      device: disk.getAttribute("device") ?? "disk",
      path: source?.getAttribute("file") || source?.getAttribute("dev") || null,
      pool: source?.getAttribute("pool") || null,
      volume: source?.getAttribute("volume") || null,
      readonly: disk.getElementsByTagName("readonly").length > 0,
      shareable: disk.getElementsByTagName("shareable").length > 0,
    };
  });
  return { disks, nvram: doc.getElementsByTagName("nvram")[0]?.textContent?.trim() || null };
}

/** The storage volume behind a disk, if libvirt manages it in a pool. */
async function volumeOf(lv: Libvirt, disk: DiskSource): Promise<{ path: string; pool: string } | null> {
  try {
    const vol = disk.pool && disk.volume
      ? await lv.storage.lookupVolume(await lv.storage.lookupPool(disk.pool), disk.volume)
      : disk.path
        ? (await lv.client.call(p.STORAGE_VOL_LOOKUP_BY_PATH, { path: disk.path })).vol
        : null;
    if (!vol) return null;
    const [{ pool }, { name: path }] = await Promise.all([lv.client.call(p.STORAGE_POOL_LOOKUP_BY_VOLUME, { vol }), lv.client.call(p.STORAGE_VOL_GET_PATH, { vol })]);
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
    lv.domains.xml(dom, 2 /* INACTIVE: the disks the guest will have, not hot-plugged leftovers */),
    lv.client.call(p.DOMAIN_SNAPSHOT_NUM, { dom, flags: 0 }).then((r) => r.num),
    lv.client.call(p.DOMAIN_IS_PERSISTENT, { dom }).then((r) => r.persistent !== 0),
  ]);
  const { disks, nvram } = disksOf(xml);
  const volumes = await Promise.all(
    disks.map(async (disk) => {
      const vol = await volumeOf(lv, disk);
      const path = vol?.path ?? disk.path ?? `${disk.pool}/${disk.volume}`;
      const reason = !vol
        ? "not a storage volume libvirt manages"
        : disk.device === "cdrom" || disk.device === "floppy" || disk.readonly
          ? "read-only media, probably used by other guests"
          : disk.shareable
            ? "shared with other guests"
            : undefined;
      return { target: disk.target, path, pool: vol?.pool ?? null, deletable: !reason, ...(reason ? { reason } : {}) };
    }),
  );
  return { volumes, snapshots, nvram, persistent };
}

export async function getDeletePlan(hostId: string, uuid: string): Promise<DeletePlan> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  return planDeletion(lv, dom);
}
