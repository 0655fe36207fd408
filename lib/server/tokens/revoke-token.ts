import "server-only";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";

/** Ends one of the person's own API tokens at once; the row stays (revoked) so its last use can still be read. */
export async function revokeToken(actor: Actor, tokenId: string, ip: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id } });
    if (!token) throw notFound("Token");
    if (!token.revokedAt) await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await audit({ actor, action: "token.revoke", target: `token:${token.id}`, details: { name: token.name }, result: "ok", ip }, tx);
  });
}
