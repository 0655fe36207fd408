import "server-only";
import { accessChanged } from "../auth/access-changed";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError, notFound } from "../http/errors";
import { anotherAdminRemains } from "./last-admin";

/**
 * Deletes an account: its sessions and role grants go with it, so it is signed out everywhere at once. Audit
 * rows keep the name (they store it as text, not as a link to the account). Nobody deletes their own account
 * or the last administrator.
 */
export async function deleteUser(ctx: VerbContext, { userId }: { userId: string }): Promise<{ ok: true; username: string }> {
  if (userId === ctx.actor.id) throw new ApiError(409, { key: "cannotDeleteSelf" });
  let target = `user:${userId}`;
  const details: Record<string, unknown> = {};
  const username = await auditedTransaction(ctx, { action: "user.delete", target: () => target, details }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, include: { grants: true } });
    if (!user) throw notFound("user");
    target = `user:${user.username}`;
    if (user.grants.some((g) => g.role === "admin" && g.scope === "global") && !(await anotherAdminRemains(tx, userId))) {
      throw new ApiError(409, { key: "userOnlyAdmin", values: { user: user.username } });
    }
    // Explicitly, not only through the foreign keys' cascade: SQLite enforces those only where a connection asks.
    await tx.session.deleteMany({ where: { userId } });
    await tx.roleGrant.deleteMany({ where: { userId } });
    await tx.user.delete({ where: { id: userId } });
    details.displayName = user.displayName;
    details.grants = user.grants.map((g) => ({ role: g.role, scope: g.scope, hostId: g.hostId, guestUuid: g.guestUuid }));
    return user.username;
  });
  await accessChanged(userId, "deleted");
  return { ok: true, username };
}
