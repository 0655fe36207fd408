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
  const growth: QuotaUse = {
    vcpus: Math.max(0, after.vcpus - before.vcpus),
    memoryMiB: Math.max(0, after.memoryMiB - before.memoryMiB),
    diskGiB: diskGiBOf(Math.max(0, after.diskMiB - before.diskMiB) * 2 ** 20),
  };
  const record = (size: OwnedSize) => db().guestOwner.updateMany({ where: { id: owner.id }, data: size });
  if (growth.vcpus === 0 && growth.memoryMiB === 0 && growth.diskGiB === 0) {
    const result = await apply();
    if (!sameSize(after, before)) await record(after);
    return result;
  }
  // What does not grow is recorded as it was until the change is made: only the growth is claimed up front.
  const claimed: OwnedSize = {
    vcpus: Math.max(before.vcpus, after.vcpus),
    memoryMiB: Math.max(before.memoryMiB, after.memoryMiB),
    diskMiB: Math.max(before.diskMiB, after.diskMiB),
  };
  await db().$transaction(async (tx) => {
    await refuseOverQuota(tx, owner.userId, growth, "quotaExceededGrowing");
    await tx.guestOwner.updateMany({ where: { id: owner.id }, data: claimed });
  });
  let result: T;
  try {
    result = await apply();
  } catch (err) {
    await record(before);
    throw err;
  }
  if (!sameSize(claimed, after)) await record(after);
  return result;
}

const sameSize = (a: OwnedSize, b: OwnedSize) => a.vcpus === b.vcpus && a.memoryMiB === b.memoryMiB && a.diskMiB === b.diskMiB;
