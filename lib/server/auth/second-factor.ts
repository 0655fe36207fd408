import "server-only";
import { auditRow } from "../audit";
import { db } from "../db";
import { ApiError } from "../http/errors";
import { consumeChallenge, failChallenge, findChallenge, type Challenge } from "./challenge";
import { finishSignIn, type SignInMethod } from "./finish-sign-in";
import { recordSignInFailure, throttleGate } from "./login";
import { forgiveFailures } from "./throttle";
import { acceptedStep, newTotpEnrolmentFor } from "./totp";
import { enableTotp, spendSecondFactor } from "./two-factor";

type Client = { ip: string; userAgent: string };
// 410, not 401: the sign-in under way is gone (expired, or ended by too many wrong codes), and the form starts again
// from the password on this status alone, in whatever language the sentence is.
const expired = () => new ApiError(410, { key: "signInEnded" });

async function userOf(challenge: Challenge<unknown> | null) {
  const user = challenge?.userId ? await db().user.findUnique({ where: { id: challenge.userId } }) : null;
  if (!challenge || !user || user.disabled) {
    if (challenge) await consumeChallenge(challenge.id);
    throw expired();
  }
  return user;
}

async function wrong(challenge: Challenge<unknown>, username: string, userId: string, ip: string, step: string): Promise<never> {
  await failChallenge(challenge);
  await recordSignInFailure(username, ip);
  await auditRow({ actor: { id: userId, username }, ip }, { action: "auth.login", details: { reason: "wrong code", step } }, "denied");
  throw new ApiError(401, { key: "codeWrong" });
}

/** The second step: a code from the person's app, or one of their recovery codes (each works once). */
export async function signInSecondFactor(input: { challenge: string; code?: string; recoveryCode?: string } & Client) {
  const challenge = await findChallenge<{ method: SignInMethod }>("second-factor", input.challenge, input.ip);
  const user = await userOf(challenge);
  await throttleGate(user.username, input.ip, "second-factor");
  const used = await spendSecondFactor(user, input);
  if (!used) return wrong(challenge!, user.username, user.id, input.ip, "second-factor");
  if (!(await consumeChallenge(challenge!.id))) throw expired();
  await forgiveFailures(user.username, input.ip);
  const recoveryCodesLeft = await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  const session = await finishSignIn(user, input, challenge!.data.method, { secondFactor: used });
  return { ...session, recoveryCodesLeft };
}

/**
 * Enrolment a role requires, before the first session: without a code it shows the secret (and its QR code) to
 * add to an app; with the app's code it turns two-factor sign-in on, signs in and shows the recovery codes once.
 */
export async function signInEnrol(input: { challenge: string; code?: string } & Client) {
  const challenge = await findChallenge<{ method: SignInMethod; secret: string }>("enrol", input.challenge, input.ip);
  const user = await userOf(challenge);
  const { secret, method } = challenge!.data;
  if (!input.code) return { kind: "enrolment" as const, ...(await newTotpEnrolmentFor(secret, user.username)) };
  await throttleGate(user.username, input.ip, "enrol");
  const step = acceptedStep(secret, input.code, null);
  if (step === null) return wrong(challenge!, user.username, user.id, input.ip, "enrol");
  if (!(await consumeChallenge(challenge!.id))) throw expired();
  await forgiveFailures(user.username, input.ip);
  const recoveryCodes = await db().$transaction(async (tx) => {
    const codes = await enableTotp(tx, user.id, secret, step);
    await auditRow(
      { actor: user, ip: input.ip },
      { action: "user.two-factor.enable", target: `user:${user.username}`, details: { atSignIn: true } },
      "ok",
      tx,
    );
    return codes;
  });
  return { kind: "session" as const, ...(await finishSignIn(user, input, method, { secondFactor: "enrolled" })), recoveryCodes };
}
