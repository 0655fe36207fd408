import "server-only";
import type { TokenView } from "@/lib/validations/tokens";
import { parseTokenGrants } from "../auth/bearer";
import { db } from "../db";

/** A person's own API tokens, newest first, with their last use. */
export async function listTokens(userId: string): Promise<TokenView[]> {
  const rows = await db().apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    grants: parseTokenGrants(t.grants),
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: t.lastUsedIp,
  }));
}
