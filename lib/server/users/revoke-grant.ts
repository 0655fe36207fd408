import "server-only";
import type { Actor } from "../auth/session";
import { accessChanged } from "../auth/access-changed";
import { audit } from "../audit";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";
import { anotherAdminRemains } from "./last-admin";

export async function revokeGrant(actor: Actor, userId: string, grantId: string, ip: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const grant = await tx.roleGrant.findFirst({ where: { id: grantId, userId }, include: { user: true } });
    if (!grant) throw notFound("Role grant");
    if (grant.userId === actor.id && grant.role === "admin" && grant.scope === "global" && !(await anotherAdminRemains(tx, actor.id))) {
      throw new ApiError(409, "You are the only administrator; grant admin to someone else first");
    }
    await tx.roleGrant.delete({ where: { id: grant.id } });
    await audit(
      {
        actor,
        action: "user.revoke",
        target: `user:${grant.user.username}`,
        details: { role: grant.role, scope: grant.scope, hostId: grant.hostId, guestUuid: grant.guestUuid },
        result: "ok",
        ip,
      },
      tx,
    );
  });
  // Consoles (and events) the person may no longer hold close now.
  await accessChanged(userId, "signed-out");
}
