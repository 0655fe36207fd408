import "server-only";
import { accessChanged } from "../auth/access-changed";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError, notFound } from "../http/errors";
import { anotherAdminRemains } from "./last-admin";

export async function revokeGrant(ctx: VerbContext, { userId, grantId }: { userId: string; grantId: string }): Promise<void> {
  const { actor } = ctx;
  let target = `user:${userId}`;
  const details: Record<string, unknown> = {};
  await auditedTransaction(ctx, { action: "user.revoke", target: () => target, details }, async (tx) => {
    const grant = await tx.roleGrant.findFirst({ where: { id: grantId, userId }, include: { user: true } });
    if (!grant) throw notFound("roleGrant");
    target = `user:${grant.user.username}`;
    Object.assign(details, { role: grant.role, scope: grant.scope, hostId: grant.hostId, guestUuid: grant.guestUuid, tag: grant.tag });
    if (grant.userId === actor.id && grant.role === "admin" && grant.scope === "global" && !(await anotherAdminRemains(tx, actor.id))) {
      throw new ApiError(409, { key: "onlyAdmin" });
    }
    await tx.roleGrant.delete({ where: { id: grant.id } });
  });
  // Consoles (and events) the person may no longer hold close now.
  await accessChanged(userId, "signed-out");
}
