import "server-only";
import { grantFromInput, type GrantInput } from "@/lib/validations/users";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError, notFound } from "../http/errors";
import { newId } from "../ids";

export async function grantRole(ctx: VerbContext, { userId, ...input }: { userId: string } & GrantInput) {
  const grant = grantFromInput(input);
  const { hostId, guestUuid } = grant;
  const tag = grant.tag ?? null;
  let target = `user:${userId}`;
  const details = { role: input.role, scope: input.scope, hostId, guestUuid, tag };
  return auditedTransaction(ctx, { action: "user.grant", target: () => target, details }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("user");
    target = `user:${user.username}`;
    if (hostId && !(await tx.host.findUnique({ where: { id: hostId } })))
      throw new ApiError(422, { key: "noSuchHost" }, { hostId: { key: "noSuchHost" } });
    const existing = await tx.roleGrant.findFirst({ where: { userId, role: input.role, scope: input.scope, hostId, guestUuid, tag } });
    if (existing) throw new ApiError(409, { key: "alreadyHasRole", values: { user: user.username } });
    const row = await tx.roleGrant.create({ data: { id: newId(), userId, role: input.role, scope: input.scope, hostId, guestUuid, tag } });
    return { id: row.id };
  });
}
