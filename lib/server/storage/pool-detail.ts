import "server-only";
import type { PoolDetail, VolumeRow } from "@/lib/storage/types";
import { StorageVolume } from "@/lib/xml";
import { poolRow } from "./list-pools";
import { resolvePool } from "./storage-target";
import { usersOf, volumeUsers } from "./volume-users";

/** A pool and its volumes (format, sizes, path, backing file) with the guests using each. */
export async function poolDetail(hostId: string, name: string): Promise<PoolDetail> {
  const { lv, pool } = await resolvePool(hostId, name);
  const row = await poolRow(lv, hostId, pool);
  if (row.state !== "running") return { pool: row, volumes: [] };
  const [refs, users] = await Promise.all([lv.storage.listVolumes(pool), volumeUsers(lv)]);
  // A volume deleted between the listing and its XML is left out rather than failing the page.
  const volumes = await Promise.all(
    refs.map(async (ref): Promise<VolumeRow | null> => {
      const xml = await lv.storage.volumeXml(ref).catch(() => null);
      if (!xml) return null;
      const v = StorageVolume.parse(xml);
      const path = v.targetPath ?? ref.key;
      return {
        name: ref.name,
        key: ref.key,
        path,
        type: v.type ?? "file",
        format: v.format ?? null,
        capacityBytes: v.capacityBytes ?? 0,
        allocationBytes: v.allocationBytes ?? 0,
        backingPath: v.backingPath ?? null,
        usedBy: usersOf(users, name, { name: ref.name, path }),
      };
    }),
  );
  return { pool: row, volumes: volumes.filter((v) => v !== null).sort((a, b) => a.name.localeCompare(b.name)) };
}
