import "server-only";
import { db } from "../db";
import { newId } from "../ids";

/**
 * Sign-in throttling. The policy (README, "Signing in"):
 * - one account from one address: after `perAccountFromAddress` failures in the window that address may not try
 *   that account again until the window slides past (a guesser at one desk stops there);
 * - one address, any accounts: after `perAddress` failures the address may not sign in at all (a sprayer stops);
 * - one account, from every address together: after `slowdownAfter` failures each further attempt waits a
 *   little longer (1, 2, 4, then 8 s) before its password is checked. Never a refusal, so a stranger who knows a
 *   user name cannot keep that person out; only slower, so many addresses together cannot guess fast.
 * Failures live in the database, so a restart does not forget them and several instances share them.
 */
export type ThrottleLimits = { perAccountFromAddress: number; perAddress: number; slowdownAfter: number; windowMs: number };

/** Newest first; at most as many as the matching limit needs. */
export type FailureHistory = { accountFromAddress: number[]; address: number[]; accountTotal: number };

export type ThrottleDecision = { refuseForMs: number; delayMs: number };

const MAX_DELAY_MS = 8_000;

export function decide(history: FailureHistory, limits: ThrottleLimits, now: number): ThrottleDecision {
  const lockedUntil = (times: number[], limit: number) => (times.length >= limit ? times[limit - 1] + limits.windowMs - now : 0);
  const refuseForMs = Math.max(
    0,
    lockedUntil(history.accountFromAddress, limits.perAccountFromAddress),
    lockedUntil(history.address, limits.perAddress),
  );
  const over = history.accountTotal - limits.slowdownAfter;
  const delayMs = over < 0 ? 0 : Math.min(1000 * 2 ** over, MAX_DELAY_MS);
  return { refuseForMs, delayMs };
}

const key = (username: string) => username.trim().toLowerCase();

export async function loadFailureHistory(username: string, address: string, limits: ThrottleLimits, now: number): Promise<FailureHistory> {
  const since = new Date(now - limits.windowMs);
  const times = (rows: { at: Date }[]) => rows.map((r) => r.at.getTime());
  const [pair, byAddress, accountTotal] = await Promise.all([
    db().loginFailure.findMany({
      where: { username: key(username), address, at: { gt: since } },
      orderBy: { at: "desc" },
      take: limits.perAccountFromAddress,
      select: { at: true },
    }),
    db().loginFailure.findMany({
      where: { address, at: { gt: since } },
      orderBy: { at: "desc" },
      take: limits.perAddress,
      select: { at: true },
    }),
    db().loginFailure.count({ where: { username: key(username), at: { gt: since } } }),
  ]);
  return { accountFromAddress: times(pair), address: times(byAddress), accountTotal };
}

export async function recordFailure(username: string, address: string, limits: ThrottleLimits, now: number): Promise<void> {
  await db().$transaction([
    db().loginFailure.deleteMany({ where: { at: { lte: new Date(now - limits.windowMs) } } }),
    db().loginFailure.create({ data: { id: newId(), username: key(username), address, at: new Date(now) } }),
  ]);
}

/** The right password from an address forgives that address's failures on the account (others' stay). */
export async function forgiveFailures(username: string, address: string): Promise<void> {
  await db().loginFailure.deleteMany({ where: { username: key(username), address } });
}
