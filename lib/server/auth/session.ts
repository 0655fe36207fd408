import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Grant, Role, GrantScope } from "@/lib/roles";
import { db } from "../db";
import { env } from "../env";
import { newId } from "../ids";
import { grantsInReach } from "./grants-in-reach";

export const SESSION_COOKIE = "vc_session";

/**
 * Who makes a request. Signed in through a page: `sessionId` is the session. Through an API token (`token` set;
 * lib/server/auth/bearer.ts): `sessionId` is empty, and `grants` are what both the token and its owner allow now.
 */
export type Actor = {
  id: string;
  username: string;
  displayName: string;
  sessionId: string;
  sessionExpiresAt: Date;
  grants: Grant[];
  /** The language and time zone the person chose (lib/i18n/locales.ts); absent or null: the browser's. */
  locale?: string | null;
  timeZone?: string | null;
  token?: { id: string; name: string };
};

/** SHA-256 of a random secret (session token, API token, sign-in challenge): what the database keeps instead. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(userId: string, ip: string, userAgent: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env().SESSION_TTL_MINUTES * 60_000);
  await db().session.create({
    data: { id: newId(), tokenHash: hashToken(token), userId, expiresAt, ip, userAgent: userAgent.slice(0, 200) },
  });
  return { token, expiresAt };
}

/** The person behind a session token, or null when it is unknown, expired, revoked or the account is disabled. */
export async function actorFromToken(token: string | undefined | null): Promise<Actor | null> {
  if (!token) return null;
  const session = await db().session.findUnique({ where: { tokenHash: hashToken(token) }, include: sessionIncludes });
  if (!session) return null;
  const actor = await toActor(session);
  // Touch at most once a minute so page loads don't turn into writes.
  if (actor && Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await db().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
  }
  return actor;
}

/** The same, by session id: live connections re-check their person with it when access changes. */
export async function actorFromSessionId(sessionId: string): Promise<Actor | null> {
  const session = await db().session.findUnique({ where: { id: sessionId }, include: sessionIncludes });
  return session ? toActor(session) : null;
}

const sessionIncludes = { user: { include: { grants: true } } } as const;

type SessionRow = {
  id: string;
  expiresAt: Date;
  revokedAt: Date | null;
  user: {
    id: string;
    username: string;
    displayName: string;
    disabled: boolean;
    locale: string | null;
    timeZone: string | null;
    grants: StoredGrant[];
  };
};

async function toActor(session: SessionRow): Promise<Actor | null> {
  if (session.revokedAt || session.expiresAt.getTime() <= Date.now() || session.user.disabled) return null;
  const { user } = session;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    timeZone: user.timeZone,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    grants: await grantsInReach(user.id, user.grants.map(storedGrant)),
  };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function revokeUserSessions(userId: string): Promise<void> {
  await db().session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}

/** Reads one cookie from a raw Cookie header (WebSocket upgrades have no parsed cookies). */
export function cookieFromHeader(header: string | undefined, name = SESSION_COOKIE): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A malformed percent-encoding (`%E0%A4%A`) is simply not a session: never an exception. */
function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

type StoredGrant = { role: string; scope: string; hostId: string | null; guestUuid: string | null; tag: string | null };

/** A RoleGrant row as `can` takes it (before its tag grants are expanded). */
export const storedGrant = (g: StoredGrant): Grant => ({
  role: g.role as Role,
  scope: g.scope as GrantScope,
  hostId: g.hostId,
  guestUuid: g.guestUuid,
  ...(g.scope === "tag" ? { tag: g.tag } : {}),
});
