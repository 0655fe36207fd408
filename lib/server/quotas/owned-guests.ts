import "server-only";
import type { Grant } from "@/lib/roles";
import { db } from "../db";

/**
 * A power user's grants with a power-user grant on each guest they made (GuestOwner). Only while they hold the
 * power-user role somewhere: a person whose role is taken away loses their guests with it.
 */
export async function withOwnedGuests(userId: string, grants: Grant[]): Promise<Grant[]> {
  if (!grants.some((g) => g.role === "power-user")) return grants;
  const owned = await db().guestOwner.findMany({ where: { userId, guestUuid: { not: null } }, select: { hostId: true, guestUuid: true } });
  return [
    ...grants,
    ...owned.map((o): Grant => ({ role: "power-user", scope: "guest", hostId: o.hostId, guestUuid: o.guestUuid, viaOwner: true })),
  ];
}
