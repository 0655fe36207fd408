import "server-only";
import { diskGiBOf, type QuotaUse } from "@/lib/quotas/quota";
import { db } from "../db";
import { refuseOverQuota } from "./reserve-guest";

/** What a guest's owner record counts: vCPUs, memory and the disks made for it (MiB, as kept). */
export type OwnedSize = { vcpus: number; memoryMiB: number; diskMiB: number };

/**
 * A change to a guest that someone made through the console counts against that maker's quotas, as its creation
 * did, whoever makes the change: growth is checked and recorded under the quota lock before `apply` runs, and
 * recorded back when `apply` fails; what shrinks is given back once `apply` succeeds. `resize` says the guest's
 * size after the change from its size now. A guest nobody made through the console counts for nobody.
 */
export async function resizeOwnedGuest<T>(guestUuid: string, resize: (now: OwnedSize) => OwnedSize, apply: () => Promise<T>): Promise<T> {
  const owner = await db().guestOwner.findFirst({
    where: { guestUuid },
    select: { id: true, userId: true, vcpus: true, memoryMiB: true, diskMiB: true },
  });
  if (!owner) return apply();
  const before: OwnedSize = { vcpus: owner.vcpus, memoryMiB: owner.memoryMiB, diskMiB: owner.diskMiB };
  const after = resize(before);
  // Only growth is claimed up front; what shrinks stays recorded as it was until the change is made.
  const claimed: OwnedSize = {
    vcpus: Math.max(before.vcpus, after.vcpus),
    memoryMiB: Math.max(before.memoryMiB, after.memoryMiB),
    diskMiB: Math.max(before.diskMiB, after.diskMiB),
  };
  const grows = !sameSize(claimed, before);
  const record = (size: OwnedSize) => db().guestOwner.updateMany({ where: { id: owner.id }, data: size });
  if (grows) {
    const growth: QuotaUse = {
      vcpus: claimed.vcpus - before.vcpus,
      memoryMiB: claimed.memoryMiB - before.memoryMiB,
      diskGiB: diskGiBOf((claimed.diskMiB - before.diskMiB) * 2 ** 20),
    };
    await db().$transaction(async (tx) => {
      await refuseOverQuota(tx, owner.userId, growth, "quotaExceededGrowing");
      await tx.guestOwner.updateMany({ where: { id: owner.id }, data: claimed });
    });
  }
  let result: T;
  try {
    result = await apply();
  } catch (err) {
    if (grows) await record(before);
    throw err;
  }
  if (!sameSize(claimed, after)) await record(after);
  return result;
}

const sameSize = (a: OwnedSize, b: OwnedSize) => a.vcpus === b.vcpus && a.memoryMiB === b.memoryMiB && a.diskMiB === b.diskMiB;
