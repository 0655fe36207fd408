import "server-only";
import type { AuditAction } from "@/lib/audit/actions";
import type { VerbContext } from "../verb-context";
import { auditRow } from "../audit";
import { twoFactorRequired } from "../auth/finish-sign-in";
import { recordSignInFailure, throttleGate } from "../auth/login";
import type { Actor } from "../auth/session";
import { disableTotp, replaceRecoveryCodes, spendSecondFactor } from "../auth/two-factor";
import { db } from "../db";
import { ApiError } from "../http/errors";

type Answer = { code?: string; recoveryCode?: string };

/** A code from the app (or a recovery code), checked like a sign-in: throttled and counted when wrong. */
async function proveSecondFactor(actor: Actor, answer: Answer, ip: string, action: AuditAction) {
  const user = await db().user.findUnique({ where: { id: actor.id } });
  if (!user?.totpEnabledAt) throw new ApiError(409, { key: "twoFactorOff" });
  await throttleGate(user.username, ip, action);
  if (!(await spendSecondFactor(user, answer))) {
    await recordSignInFailure(user.username, ip);
    await auditRow({ actor, ip }, { action, target: `user:${user.username}`, details: { reason: "wrong code" } }, "denied");
    throw new ApiError(422, { key: "codeWrong" }, { [answer.code ? "code" : "recoveryCode"]: { key: "notRight" } });
  }
  return user;
}

/** Turns the person's own two-factor sign-in off, unless a role of theirs requires it. */
export async function disableOwnTwoFactor(ctx: VerbContext, answer: Answer): Promise<void> {
  const { actor, ip } = ctx;
  if (await twoFactorRequired(actor.id)) throw new ApiError(409, { key: "twoFactorRequired" });
  const user = await proveSecondFactor(actor, answer, ip, "user.two-factor.disable");
  await db().$transaction(async (tx) => {
    await disableTotp(tx, user.id);
    await auditRow({ actor, ip }, { action: "user.two-factor.disable", target: `user:${user.username}` }, "ok", tx);
  });
}

/** Ten new recovery codes; the old ones stop working. */
export async function newOwnRecoveryCodes(ctx: VerbContext, answer: Answer): Promise<{ recoveryCodes: string[] }> {
  const { actor, ip } = ctx;
  const user = await proveSecondFactor(actor, answer, ip, "user.two-factor.recovery-codes");
  return db().$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await auditRow({ actor, ip }, { action: "user.two-factor.recovery-codes", target: `user:${user.username}` }, "ok", tx);
    return { recoveryCodes };
  });
}
