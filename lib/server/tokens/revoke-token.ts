import "server-only";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { notFound } from "../http/errors";

/** Ends one of the person's own API tokens at once; the row stays (revoked) so its last use can still be read. */
export async function revokeToken(ctx: VerbContext, { tokenId }: { tokenId: string }): Promise<void> {
  const details: Record<string, unknown> = {};
  await auditedTransaction(ctx, { action: "token.revoke", target: `token:${tokenId}`, details }, async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: ctx.actor.id } });
    if (!token) throw notFound("token");
    details.name = token.name;
    if (!token.revokedAt) await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
  });
}
