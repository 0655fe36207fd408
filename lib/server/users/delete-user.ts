import "server-only";
import type { Actor } from "../auth/session";
import { accessChanged } from "../auth/access-changed";
import { audit } from "../audit";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";
import { anotherAdminRemains } from "./last-admin";

/**
 * Deletes an account: its sessions and role grants go with it, so it is signed out everywhere at once. Audit
 * rows keep the name (they store it as text, not as a link to the account). Nobody deletes their own account
 * or the last administrator.
 */
export async function deleteUser(actor: Actor, userId: string, ip: string): Promise<{ ok: true; username: string }> {
  if (userId === actor.id) throw new ApiError(409, "You cannot delete your own account");
  const username = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, include: { grants: true } });
    if (!user) throw notFound("User");
    if (user.grants.some((g) => g.role === "admin" && g.scope === "global") && !(await anotherAdminRemains(tx, userId))) {
      throw new ApiError(409, `${user.username} is the only administrator; grant admin to someone else first`);
    }
    // Explicitly, not only through the foreign keys' cascade: SQLite enforces those only where a connection asks.
    await tx.session.deleteMany({ where: { userId } });
    await tx.roleGrant.deleteMany({ where: { userId } });
    await tx.user.delete({ where: { id: userId } });
    await audit(
      {
        actor,
        action: "user.delete",
        target: `user:${user.username}`,
        details: {
          displayName: user.displayName,
          grants: user.grants.map((g) => ({ role: g.role, scope: g.scope, hostId: g.hostId, guestUuid: g.guestUuid })),
        },
        result: "ok",
        ip,
      },
      tx,
    );
    return user.username;
  });
  await accessChanged(userId, "deleted");
  return { ok: true, username };
}
