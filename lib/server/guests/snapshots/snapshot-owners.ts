import "server-only";
import { can } from "@/lib/roles";
import { db } from "../../db";
import { ApiError } from "../../http/errors";
import type { VerbContext } from "../../verb-context";

/** Who took the snapshot: a self-service person may act only on their own. */
export async function recordSnapshotOwner(ctx: VerbContext, guest: { hostId: string; uuid: string }, name: string): Promise<void> {
  const key = { hostId: guest.hostId, guestUuid: guest.uuid, name };
  await db().snapshotOwner.upsert({
    where: { hostId_guestUuid_name: key },
    create: { ...key, userId: ctx.actor.id },
    update: { userId: ctx.actor.id, createdAt: new Date() },
  });
}

/**
 * Reverting to or deleting (or describing) snapshots: anyone who manages the guest may act on any of them; someone
 * who may only take snapshots (the portal's people) only on those they took. Refused with the first that is not theirs.
 */
export async function checkOwnSnapshots(
  ctx: VerbContext,
  guest: { hostId: string; uuid: string },
  names: readonly string[],
): Promise<void> {
  if (can(ctx.actor.grants, "guest.manage", { kind: "guest", hostId: guest.hostId, guestUuid: guest.uuid })) return;
  const own = await db().snapshotOwner.findMany({
    where: { hostId: guest.hostId, guestUuid: guest.uuid, name: { in: [...names] }, userId: ctx.actor.id },
    select: { name: true },
  });
  const notOwn = names.find((n) => !own.some((o) => o.name === n));
  if (notOwn !== undefined) throw new ApiError(403, { key: "snapshotNotYours", values: { name: notOwn } });
}

/** Snapshots deleted: who took them no longer matters. */
export async function forgetSnapshotOwners(guest: { hostId: string; uuid: string }, names: readonly string[]): Promise<void> {
  await db().snapshotOwner.deleteMany({ where: { hostId: guest.hostId, guestUuid: guest.uuid, name: { in: [...names] } } });
}
