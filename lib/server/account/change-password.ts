import "server-only";
import type { VerbContext } from "../verb-context";
import { accessChanged } from "../auth/access-changed";
import { recordSignInFailure, throttleGate } from "../auth/login";
import { hashPassword, verifyPassword } from "../auth/password";
import { auditRow } from "../audit";
import { db } from "../db";
import { ApiError } from "../http/errors";

/**
 * A person changes their own password (local accounts only; a directory's people change it there). The current
 * password is checked like a sign-in (throttled); their other sessions end, this one stays.
 */
export async function changePassword(ctx: VerbContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const { actor, ip } = ctx;
  const user = await db().user.findUnique({ where: { id: actor.id } });
  if (!user) throw new ApiError(401, { key: "signInFirst" });
  if (user.source !== "local") throw new ApiError(409, { key: "passwordElsewhere" });
  await throttleGate(user.username, ip, "change-password");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordSignInFailure(user.username, ip);
    await auditRow(
      { actor, ip },
      { action: "user.password", target: `user:${user.username}`, details: { reason: "wrong password" } },
      "denied",
    );
    throw new ApiError(422, { key: "currentPasswordWrong" }, { currentPassword: { key: "notRight" } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: new Date() },
    });
    await auditRow({ actor, ip }, { action: "user.password", target: `user:${user.username}`, details: { own: true } }, "ok", tx);
  });
  await accessChanged(user.id, "password-reset");
}
