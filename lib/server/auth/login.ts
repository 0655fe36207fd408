import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { audit } from "../audit";
import { db } from "../db";
import { env } from "../env";
import { ApiError } from "../http/errors";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./session";
import { decide, forgiveFailures, loadFailureHistory, recordFailure, type ThrottleLimits } from "./throttle";

function limits(): ThrottleLimits {
  const e = env();
  return {
    perAccountFromAddress: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    slowdownAfter: e.LOGIN_SLOWDOWN_AFTER_FAILURES,
    windowMs: e.LOGIN_THROTTLE_WINDOW_SECONDS * 1000,
  };
}

// Verifying against a real hash for unknown users keeps response time from revealing which names exist.
let decoyHash: Promise<string> | undefined;

export async function login(input: { username: string; password: string; ip: string; userAgent: string }) {
  const { username, password, ip, userAgent } = input;
  const rules = limits();
  const { refuseForMs, delayMs } = decide(await loadFailureHistory(username, ip, rules, Date.now()), rules, Date.now());
  if (refuseForMs > 0) {
    const minutes = Math.ceil(refuseForMs / 60_000);
    await audit({ actor: { id: null, username }, action: "auth.login", result: "denied", details: { reason: "throttled" }, ip });
    throw new ApiError(429, `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  // Many failures on this account from elsewhere: slow down, never refuse (see throttle.ts).
  if (delayMs > 0) await sleep(delayMs);
  const user = await db().user.findUnique({ where: { username } });
  decoyHash ??= hashPassword("decoy-password-for-timing");
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  if (!user || !ok || user.disabled) {
    await recordFailure(username, ip, rules, Date.now());
    const reason = user && ok ? "disabled" : "bad credentials";
    await audit({ actor: { id: user?.id ?? null, username }, action: "auth.login", result: "denied", details: { reason }, ip });
    throw new ApiError(401, user && ok ? "This account is disabled" : "Wrong user name or password");
  }
  await forgiveFailures(username, ip);
  const session = await createSession(user.id, ip, userAgent);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await audit({ actor: { id: user.id, username }, action: "auth.login", result: "ok", ip });
  return session;
}
