import "server-only";
import { ErrorCode, isLibvirtError } from "@/lib/libvirt";
import { dependentsOf } from "@/lib/templates/backing-chains";
import { audited } from "../audit";
import { db } from "../db";
import { ApiError } from "../http/errors";
import { resolvePool, storageLabel } from "../storage/storage-target";
import { readBackingUsers, refuseWhileDependents } from "../templates/linked-clones";
import type { VerbContext } from "../verb-context";
import { usersOf, volumeUsers } from "../storage/volume-users";

/**
 * Deletes an image of the library: its volume and its row. Refused while any guest (running or not) has
 * the volume as a disk or as the base of a linked clone; a volume already removed outside the console
 * leaves only the row, which goes.
 */
export async function deleteImage(ctx: VerbContext, { hostId, image }: { hostId: string; image: string }): Promise<void> {
  const row = await db().diskImage.findFirst({ where: { id: image, hostId } });
  if (!row) throw new ApiError(404, { key: "imageGone" });
  const subject = { action: "image.delete" as const, target: await storageLabel(hostId, `${row.pool}/${row.volume}`) };
  await audited(ctx, subject, async () => {
    const target = await resolvePool(hostId, row.pool).catch(() => null);
    const volume = target
      ? await target.lv.storage.lookupVolume(target.pool, row.volume).catch((err: unknown) => {
          if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_STORAGE_VOL)) return null;
          throw err;
        })
      : null;
    if (target && volume) {
      refuseWhileDependents(dependentsOf(await readBackingUsers(target.lv), [volume.key]), "delete", row.volume);
      const users = usersOf(await volumeUsers(target.lv), row.pool, { name: row.volume, path: volume.key });
      if (users.length)
        throw new ApiError(409, { key: "imageInUse", values: { name: row.volume, guests: users.map((u) => u.name).join(", ") } });
      await target.lv.storage.deleteVolume(volume);
    }
    await db().diskImage.delete({ where: { id: row.id } });
  });
}
