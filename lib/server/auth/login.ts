import "server-only";
import { log } from "../log";
import { setTimeout as sleep } from "node:timers/promises";
import { auditRow } from "../audit";
import { db } from "../db";
import { env } from "../env";
import { ApiError } from "../http/errors";
import { syncExternalUser } from "../identity/external-user";
import { DirectoryUnavailableError, ldapAuthenticate } from "../identity/ldap";
import { enabledProviders, loadProvider } from "../identity/providers";
import { afterFirstFactor, type SignInMethod, type SignInResult } from "./finish-sign-in";
import { hashPassword, verifyPassword } from "./password";
import { decide, forgiveFailures, loadFailureHistory, recordFailure, type ThrottleLimits } from "./throttle";

export function throttleLimits(): ThrottleLimits {
  const e = env();
  return {
    perAccountFromAddress: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    slowdownAfter: e.LOGIN_SLOWDOWN_AFTER_FAILURES,
    windowMs: e.LOGIN_THROTTLE_WINDOW_SECONDS * 1000,
  };
}

/**
 * Every way of proving who one is by typing something (a password here or in a directory, a second-factor
 * code) passes here first: refused while the address or account is locked, slowed down while the account is
 * under attack (see throttle.ts).
 */
export async function throttleGate(username: string, ip: string, step: string): Promise<void> {
  const rules = throttleLimits();
  const { refuseForMs, delayMs } = decide(await loadFailureHistory(username, ip, rules, Date.now()), rules, Date.now());
  if (refuseForMs > 0) {
    const minutes = Math.ceil(refuseForMs / 60_000);
    await auditRow({ actor: { id: null, username }, ip }, { action: "auth.login", details: { reason: "throttled", step } }, "denied");
    throw new ApiError(429, { key: "tooManyAttempts", values: { minutes } });
  }
  // Many failures on this account from elsewhere: slow down, never refuse (see throttle.ts).
  if (delayMs > 0) await sleep(delayMs);
}

export async function recordSignInFailure(username: string, ip: string): Promise<void> {
  await recordFailure(username, ip, throttleLimits(), Date.now());
}

// Verifying against a real hash for unknown users keeps response time from revealing which names exist.
let decoyHash: Promise<string> | undefined;

type Checked = { user: { id: string; username: string; disabled: boolean; totpEnabledAt: Date | null } | null; method: SignInMethod };

/**
 * The password step. Local accounts check it here; people from an LDAP directory (or unknown names, while a
 * directory is set up) check it there, and their account and grants follow the directory's groups.
 */
export async function login(input: { username: string; password: string; ip: string; userAgent: string }): Promise<SignInResult> {
  const { username, password, ip, userAgent } = input;
  await throttleGate(username, ip, "password");
  let checked: Checked;
  try {
    checked = await checkPassword(username, password, ip);
  } catch (error) {
    if (error instanceof DirectoryUnavailableError) {
      log.error(error.message);
      throw new ApiError(503, { key: "directoryUnreachable" });
    }
    throw error;
  }
  const { user, method } = checked;
  if (!user || user.disabled) {
    // A right password for a disabled account says so; it is still counted, as nothing was gained.
    await recordSignInFailure(username, ip);
    const reason = user ? "disabled" : "bad credentials";
    await auditRow({ actor: { id: user?.id ?? null, username }, ip }, { action: "auth.login", details: { reason, method } }, "denied");
    throw new ApiError(401, { key: user ? "accountDisabled" : "wrongCredentials" });
  }
  await forgiveFailures(username, ip);
  return afterFirstFactor(user, { ip, userAgent }, method);
}

async function checkPassword(username: string, password: string, ip: string): Promise<Checked> {
  const user = await db().user.findUnique({ where: { username } });
  if (user?.source === "local") {
    const ok = await verifyPassword(user.passwordHash, password);
    return { user: ok ? user : null, method: "password" };
  }
  if (user?.source === "ldap") {
    const provider = user.providerId ? await loadProvider(user.providerId) : null;
    if (provider?.kind !== "ldap" || !provider.enabled) return { user: null, method: "ldap" };
    const person = await ldapAuthenticate(provider.config, provider.secret, username, password);
    if (!person || person.externalId.toLowerCase() !== (user.externalId ?? "").toLowerCase()) return { user: null, method: "ldap" };
    return { user: await syncExternalUser(provider, { ...person, externalId: user.externalId ?? person.externalId }, ip), method: "ldap" };
  }
  if (!user) {
    for (const provider of await enabledProviders("ldap")) {
      if (provider.kind !== "ldap") continue;
      const person = await ldapAuthenticate(provider.config, provider.secret, username, password);
      if (person) return { user: await syncExternalUser(provider, person, ip), method: "ldap" };
    }
  }
  // Unknown, or an account that signs in through OpenID Connect: the same work and answer as a wrong password.
  decoyHash ??= hashPassword("decoy-password-for-timing");
  await verifyPassword(await decoyHash, password);
  return { user: null, method: "password" };
}
