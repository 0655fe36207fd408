import "server-only";
import { auditedTransaction } from "../audit";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** A person's choice: their e-mail address gets a rule's alerts (`email` set) or no longer does (null). */
export async function subscribeToRule(
  ctx: VerbContext,
  { ruleId, email }: { ruleId: string; email: string | null },
): Promise<{ ok: true }> {
  const userId = ctx.actor.id;
  return auditedTransaction(
    ctx,
    { action: email ? "alert.subscribe" : "alert.unsubscribe", target: `alert-rule:${ruleId}`, details: { email } },
    async (tx) => {
      if (!(await tx.alertRule.findUnique({ where: { id: ruleId } }))) throw notFound("alertRule");
      if (email)
        await tx.alertSubscription.upsert({
          where: { userId_ruleId: { userId, ruleId } },
          create: { userId, ruleId, email },
          update: { email },
        });
      else await tx.alertSubscription.deleteMany({ where: { userId, ruleId } });
      return { ok: true as const };
    },
  );
}
