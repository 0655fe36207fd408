import "server-only";
import type { GrantInput } from "@/lib/validations/users";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";
import { newId } from "../ids";

export async function grantRole(actor: Actor, userId: string, input: GrantInput, ip: string) {
  const hostId = input.scope === "global" ? null : (input.hostId ?? null);
  const guestUuid = input.scope === "guest" ? (input.guestUuid?.toLowerCase() ?? null) : null;
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("User");
    if (hostId && !(await tx.host.findUnique({ where: { id: hostId } })))
      throw new ApiError(422, "No such host", { hostId: "No such host" });
    const existing = await tx.roleGrant.findFirst({ where: { userId, role: input.role, scope: input.scope, hostId, guestUuid } });
    if (existing) throw new ApiError(409, `${user.username} already has this role here`);
    const grant = await tx.roleGrant.create({ data: { id: newId(), userId, role: input.role, scope: input.scope, hostId, guestUuid } });
    await audit(
      {
        actor,
        action: "user.grant",
        target: `user:${user.username}`,
        details: { role: input.role, scope: input.scope, hostId, guestUuid },
        result: "ok",
        ip,
      },
      tx,
    );
    return { id: grant.id };
  });
}
