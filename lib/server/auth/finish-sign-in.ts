import "server-only";
import type { Role } from "@/lib/roles";
import { auditRow } from "../audit";
import { db } from "../db";
import { readSetting } from "../settings/settings";
import { createChallenge } from "./challenge";
import { createSession } from "./session";
import { newTotpEnrolment } from "./totp";

/** How a person proved who they are; recorded in the sign-in's audit row. */
export type SignInMethod = "password" | "ldap" | "oidc";

export type SignInResult =
  | { kind: "session"; token: string; expiresAt: Date }
  /** A second step before a session: the code from their app (or a recovery code), or enrolling one first. */
  | { kind: "second-factor" | "enrol"; challenge: string };

type Who = { id: string; username: string };
type Client = { ip: string; userAgent: string };

/** The session at the end of every way of signing in, with its audit row. */
export async function finishSignIn(user: Who, client: Client, method: SignInMethod, details: Record<string, unknown> = {}) {
  const session = await createSession(user.id, client.ip, client.userAgent);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await auditRow({ actor: user, ip: client.ip }, { action: "auth.login", details: { method, ...details } }, "ok");
  return session;
}

/** True when a role this person holds (anywhere) requires two-factor sign-in (Admin → Settings). */
export async function twoFactorRequired(userId: string): Promise<boolean> {
  const required = new Set<Role>((await readSetting("twoFactorRoles")).value);
  if (required.size === 0) return false;
  const grants = await db().roleGrant.findMany({ where: { userId }, select: { role: true } });
  return grants.some((g) => required.has(g.role as Role));
}

/**
 * After a right password (here or in a directory): the session, or the second step when the person has a
 * second factor, or enrolment first when their role requires one and they have none yet.
 */
export async function afterFirstFactor(
  user: Who & { totpEnabledAt: Date | null },
  client: Client,
  method: SignInMethod,
): Promise<SignInResult> {
  if (user.totpEnabledAt) {
    return { kind: "second-factor", challenge: await createChallenge("second-factor", user.id, { method }, client.ip) };
  }
  if (await twoFactorRequired(user.id)) {
    const enrolment = await newTotpEnrolment(user.username);
    return { kind: "enrol", challenge: await createChallenge("enrol", user.id, { method, secret: enrolment.secret }, client.ip) };
  }
  return { kind: "session", ...(await finishSignIn(user, client, method)) };
}
