import "server-only";
import type { VerbContext } from "../verb-context";
import { accessChanged } from "../auth/access-changed";
import { auditRow } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";

/**
 * Removes a sign-in provider. The people who signed in through it keep their accounts (and the audit log their
 * names) but lose the grants its groups gave and cannot sign in until an admin links them otherwise.
 */
export async function deleteProvider(ctx: VerbContext, { providerId: id }: { providerId: string }): Promise<void> {
  const affected = await db().$transaction(async (tx) => {
    const provider = await tx.identityProvider.findUnique({ where: { id } });
    if (!provider) throw notFound("provider");
    const grants = await tx.roleGrant.findMany({ where: { providerId: id }, select: { userId: true } });
    await tx.roleGrant.deleteMany({ where: { providerId: id } });
    await tx.identityProvider.delete({ where: { id } });
    await auditRow(ctx, { action: "identity.delete", target: `identity:${provider.name}`, details: { kind: provider.kind } }, "ok", tx);
    return [...new Set(grants.map((g) => g.userId))];
  });
  for (const userId of affected) await accessChanged(userId, "signed-out");
}
