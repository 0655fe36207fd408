import "server-only";
import { intersectGrants, type Grant } from "@/lib/roles";
import { TOKEN_PREFIX } from "@/lib/validations/tokens";
import { auditRow } from "../audit";
import { db } from "../db";
import { grantsInReach } from "./grants-in-reach";
import { hashToken, storedGrant, type Actor } from "./session";

/** The secret of an `Authorization: Bearer vct_…` header, or null when there is none (or it is no API token). */
export function bearerSecret(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match && match[1].startsWith(TOKEN_PREFIX) ? match[1] : null;
}

export type BearerCheck =
  | { actor: Actor }
  | {
      actor: null;
      reason: "unknown" | "expired" | "revoked" | "disabled";
      token?: { id: string; name: string };
      owner?: { id: string; username: string };
    };

/**
 * The person behind an API token, with the grants both the token and its owner's current grants allow (a grant
 * removed from the owner narrows the token at once; a disabled or deleted owner ends it).
 */
export async function checkBearer(secret: string): Promise<BearerCheck> {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(secret) }, include: { user: { include: { grants: true } } } });
  if (!row) return { actor: null, reason: "unknown" };
  const token = { id: row.id, name: row.name };
  const owner = { id: row.user.id, username: row.user.username };
  if (row.revokedAt) return { actor: null, reason: "revoked", token, owner };
  if (row.expiresAt.getTime() <= Date.now()) return { actor: null, reason: "expired", token, owner };
  if (row.user.disabled) return { actor: null, reason: "disabled", token, owner };
  const ownerGrants = row.user.grants.map(storedGrant);
  const actor: Actor = {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    sessionId: "",
    sessionExpiresAt: row.expiresAt,
    grants: await grantsInReach(row.user.id, intersectGrants(parseTokenGrants(row.grants), ownerGrants)),
    token,
  };
  return { actor };
}

export function parseTokenGrants(json: string): Grant[] {
  try {
    const value = JSON.parse(json) as Grant[];
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** Records a token's use (time and address) for its owner's token list; at most one write a minute per address. */
export async function touchToken(tokenId: string, ip: string): Promise<void> {
  const row = await db().apiToken.findUnique({ where: { id: tokenId }, select: { lastUsedAt: true, lastUsedIp: true } });
  if (row && row.lastUsedIp === ip && row.lastUsedAt && Date.now() - row.lastUsedAt.getTime() < 60_000) return;
  await db().apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date(), lastUsedIp: ip } });
}

/** Every call made with a token is one audit row, as the token and its owner, with the answer's status. */
export async function auditTokenCall(actor: Actor, method: string, path: string, status: number, ip: string): Promise<void> {
  const result = status < 400 ? "ok" : status === 401 || status === 403 ? "denied" : "error";
  await auditRow({ actor, ip }, { action: "api.call", target: `${method} ${path}`, details: { status } }, result);
}

/** A refused token that exists (expired, revoked, owner disabled) is audited under its owner. */
export async function auditRefusedToken(check: BearerCheck, method: string, path: string, ip: string): Promise<void> {
  if (check.actor || !check.owner || !check.token) return;
  await auditRow(
    { actor: { ...check.owner, token: check.token }, ip },
    { action: "api.call", target: `${method} ${path}`, details: { status: 401, reason: check.reason } },
    "denied",
  );
}
