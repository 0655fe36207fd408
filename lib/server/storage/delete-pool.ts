import "server-only";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { resolvePool, storageLabel, type PoolInput } from "./storage-target";
import { volumeUsers } from "./volume-users";

/**
 * Stops and undefines a pool. With `deleteData`, libvirt also deletes what the pool is made of (a
 * directory, a volume group, a partition table) where the pool type supports it; that is refused
 * while any guest still uses one of the pool's volumes.
 */
export async function deletePool(ctx: VerbContext, { hostId, pool: name, deleteData }: PoolInput & { deleteData: boolean }): Promise<void> {
  await audited(ctx, { action: "pool.delete", target: await storageLabel(hostId, name), details: { deleteData } }, async () => {
    const { lv, pool } = await resolvePool(hostId, name);
    const [active, persistent] = await Promise.all([lv.storage.poolIsActive(pool), lv.storage.poolIsPersistent(pool)]);
    if (deleteData && active) {
      const [volumes, users] = await Promise.all([lv.storage.listVolumes(pool), volumeUsers(lv)]);
      const used = volumes.filter((v) => users.has(v.key) || users.has(`${name}/${v.name}`)).map((v) => v.name);
      if (used.length) throw new ApiError(409, { key: "poolVolumesInUse", values: { volumes: used.join(", ") } });
    }
    if (active) await lv.storage.stopPool(pool);
    if (deleteData) await lv.storage.deletePool(pool);
    // A transient pool is gone once stopped.
    if (persistent) await lv.storage.undefinePool(pool);
  });
}
