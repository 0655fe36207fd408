import "server-only";
import type { ImageRow } from "@/lib/images/types";
import { loadOsinfoDb } from "@/lib/osinfo";
import { db } from "../db";
import { hostConnection } from "../storage/storage-target";
import type { VerbContext } from "../verb-context";
import { usersOf, volumeUsers } from "../storage/volume-users";

/**
 * The image library of a host: the rows of the images the console imported there, each with whether its
 * volume is still in its pool and which guests use it (a used image is not deleted).
 */
export async function listImages(_ctx: VerbContext, { hostId }: { hostId: string }): Promise<ImageRow[]> {
  const rows = await db().diskImage.findMany({ where: { hostId }, orderBy: { createdAt: "desc" } });
  if (rows.length === 0) return [];
  const { lv } = await hostConnection(hostId);
  const [osinfo, users] = await Promise.all([loadOsinfoDb(), volumeUsers(lv)]);
  // Each pool once: its volumes' paths by name (a pool gone or inactive has none).
  const pools = new Map<string, Map<string, string>>();
  for (const pool of new Set(rows.map((r) => r.pool))) {
    const volumes = await lv.storage
      .lookupPool(pool)
      .then((ref) => lv.storage.listVolumes(ref))
      .catch(() => []);
    pools.set(pool, new Map(volumes.map((v) => [v.name, v.key])));
  }
  return rows.map((r) => {
    const path = pools.get(r.pool)?.get(r.volume);
    const os = r.osId ? osinfo.get(r.osId) : undefined;
    return {
      id: r.id,
      hostId: r.hostId,
      pool: r.pool,
      volume: r.volume,
      source: r.source,
      sourceKind: r.sourceKind === "url" ? "url" : "upload",
      sourceFormat: r.sourceFormat,
      format: r.format,
      sha256: r.sha256,
      virtualBytes: r.virtualBytes,
      os: os ? { id: os.id, name: os.name } : null,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      present: path !== undefined,
      usedBy: path === undefined ? [] : usersOf(users, r.pool, { name: r.volume, path }),
    };
  });
}
