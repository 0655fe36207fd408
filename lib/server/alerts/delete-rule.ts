import "server-only";
import { auditedTransaction } from "../audit";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Removes an alert rule with its alerts and their history (route permission: alerts.manage). */
export async function deleteAlertRule(ctx: VerbContext, { ruleId }: { ruleId: string }): Promise<{ ok: true }> {
  return auditedTransaction(ctx, { action: "alert.rule.delete", target: `alert-rule:${ruleId}` }, async (tx) => {
    const rule = await tx.alertRule.findUnique({ where: { id: ruleId } });
    if (!rule) throw notFound("alertRule");
    await tx.alertRule.delete({ where: { id: ruleId } });
    return { ok: true as const };
  });
}
