import "server-only";
import { randomBytes } from "node:crypto";
import { open, seal } from "../hosts/secret-box";
import { db } from "../db";
import { newId } from "../ids";
import { hashToken } from "./session";

/**
 * A sign-in under way between two requests: after the password, the second factor ("second-factor") or a
 * required enrolment ("enrol"); a person enrolling from their account page ("enrol-self"); an OpenID Connect
 * redirect ("oidc"). The browser holds a random token; the row holds its hash and the step's data, sealed.
 * It lives a few minutes, is tied to the address that began it, and a few wrong answers end it.
 */
export type ChallengeKind = "second-factor" | "enrol" | "enrol-self" | "oidc";

const TTL_MS = 10 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;

export async function createChallenge(kind: ChallengeKind, userId: string | null, data: unknown, ip: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().loginChallenge.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  await db().loginChallenge.create({
    data: {
      id: newId(),
      tokenHash: hashToken(token),
      kind,
      userId,
      data: seal(JSON.stringify(data ?? null)),
      ip,
      expiresAt: new Date(Date.now() + TTL_MS),
    },
  });
  return token;
}

export type Challenge<T> = { id: string; userId: string | null; attempts: number; data: T };

/** The live challenge of this kind behind `token`, begun from `ip`; null otherwise. */
export async function findChallenge<T>(kind: ChallengeKind, token: string, ip: string): Promise<Challenge<T> | null> {
  const row = await db().loginChallenge.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.kind !== kind || row.ip !== ip || row.expiresAt.getTime() <= Date.now()) return null;
  return { id: row.id, userId: row.userId, attempts: row.attempts, data: JSON.parse(open(row.data)) as T };
}

/** Ends a challenge; true when this call ended it (so two requests racing on one token cannot both go on). */
export async function consumeChallenge(id: string): Promise<boolean> {
  return (await db().loginChallenge.deleteMany({ where: { id } })).count === 1;
}

/** Counts a wrong answer; the challenge ends after CHALLENGE_MAX_ATTEMPTS. */
export async function failChallenge(challenge: Challenge<unknown>): Promise<void> {
  if (challenge.attempts + 1 >= CHALLENGE_MAX_ATTEMPTS) await consumeChallenge(challenge.id);
  else await db().loginChallenge.updateMany({ where: { id: challenge.id }, data: { attempts: { increment: 1 } } });
}
