import "server-only";
import type { VerbContext } from "../verb-context";
import { auditRow } from "../audit";
import { consumeChallenge, createChallenge, failChallenge, findChallenge } from "../auth/challenge";
import { acceptedStep, newTotpEnrolment } from "../auth/totp";
import { enableTotp } from "../auth/two-factor";
import { db } from "../db";
import { ApiError } from "../http/errors";

/** Begins enrolment from the account page: a new secret with its QR code, held until the app's first code confirms it. */
export async function startEnrolment(ctx: VerbContext) {
  const { actor, ip } = ctx;
  const enrolment = await newTotpEnrolment(actor.username);
  const challenge = await createChallenge("enrol-self", actor.id, { secret: enrolment.secret }, ip);
  return { challenge, ...enrolment };
}

/** Confirms enrolment with the first code; two-factor sign-in is on from now, and the recovery codes are shown once. */
export async function confirmEnrolment(ctx: VerbContext, input: { challenge: string; code: string }) {
  const { actor, ip } = ctx;
  const challenge = await findChallenge<{ secret: string }>("enrol-self", input.challenge, ip);
  if (!challenge || challenge.userId !== actor.id) throw new ApiError(409, { key: "enrolmentExpired" });
  const step = acceptedStep(challenge.data.secret, input.code, null);
  if (step === null) {
    await failChallenge(challenge);
    throw new ApiError(422, { key: "codeWrongClock" }, { code: { key: "notRight" } });
  }
  if (!(await consumeChallenge(challenge.id))) throw new ApiError(409, { key: "enrolmentExpired" });
  const recoveryCodes = await db().$transaction(async (tx) => {
    const codes = await enableTotp(tx, actor.id, challenge.data.secret, step);
    await auditRow({ actor, ip }, { action: "user.two-factor.enable", target: `user:${actor.username}` }, "ok", tx);
    return codes;
  });
  return { recoveryCodes };
}
