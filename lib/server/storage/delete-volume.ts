import "server-only";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { resolvePool, resolveVolume, storageLabel, type VolumeInput } from "./storage-target";
import { dependentsOf } from "@/lib/templates/backing-chains";
import { readBackingUsers, refuseWhileDependents } from "../templates/linked-clones";
import { usersOf, volumeUsers } from "./volume-users";

/**
 * Deletes a volume. The base image of linked clones is never deleted; a running guest's disk is never deleted; one a stopped guest still names is
 * deleted only when the person confirmed (`evenIfUsed`), because that guest will not start without it.
 */
export async function deleteVolume(
  ctx: VerbContext,
  { hostId, pool: poolName, volume: name, evenIfUsed }: VolumeInput & { evenIfUsed: boolean },
): Promise<void> {
  await audited(
    ctx,
    { action: "volume.delete", target: await storageLabel(hostId, `${poolName}/${name}`), details: { evenIfUsed } },
    async () => {
      const target = await resolvePool(hostId, poolName);
      const volume = await resolveVolume(target, name);
      // The base image of linked clones is never deleted, whatever was confirmed.
      refuseWhileDependents(dependentsOf(await readBackingUsers(target.lv), [volume.key]), "delete", name);
      const users = usersOf(await volumeUsers(target.lv), poolName, { name, path: volume.key });
      const running = users.filter((u) => u.running).map((u) => u.name);
      if (running.length)
        throw new ApiError(409, { key: "deleteWhileRunning", values: { name, guests: running.join(", "), count: running.length } });
      if (users.length && !evenIfUsed)
        throw new ApiError(409, {
          key: "confirmDeleteUsed",
          values: { name, guests: users.map((u) => u.name).join(", ") },
        });
      await target.lv.storage.deleteVolume(volume);
    },
  );
}
