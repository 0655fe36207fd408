import "server-only";
import type { AlertRuleInput } from "@/lib/validations/alerts";
import { auditedTransaction } from "../audit";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { ruleColumns } from "./create-rule";

/** Changes an alert rule (route permission: alerts.manage); its alerts are judged by the new condition from the next round. */
export async function updateAlertRule(ctx: VerbContext, { ruleId, rule }: { ruleId: string; rule: AlertRuleInput }): Promise<{ ok: true }> {
  return auditedTransaction(
    ctx,
    { action: "alert.rule.update", target: `alert-rule:${rule.name}`, details: { id: ruleId } },
    async (tx) => {
      const { count } = await tx.alertRule.updateMany({ where: { id: ruleId }, data: ruleColumns(rule) });
      if (count !== 1) throw notFound("alertRule");
      return { ok: true as const };
    },
  );
}
