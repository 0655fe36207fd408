import "server-only";
import type { AlertRuleInput } from "@/lib/validations/alerts";
import { auditedTransaction } from "../audit";
import { seal } from "../hosts/secret-box";
import { newId } from "../ids";
import type { VerbContext } from "../verb-context";

/** The stored columns of a rule as the form sends it; `secret` undefined keeps the stored webhook key. */
export function ruleColumns(input: AlertRuleInput) {
  const metric = input.kind === "metric" ? input : null;
  return {
    name: input.name,
    kind: input.kind,
    target: input.target,
    comparison: metric?.comparison ?? "above",
    level: metric?.level ?? (input.kind === "forecast" ? input.level : 0),
    durationMinutes: metric?.durationMinutes ?? 0,
    scope: input.scope,
    hostId: input.scope === "global" || input.scope === "tag" ? null : input.hostId,
    guestUuid: input.scope === "guest" ? input.guestUuid : null,
    pool: input.scope === "pool" ? input.pool : null,
    tag: input.scope === "tag" ? input.tag : null,
    enabled: input.enabled,
    webhookUrl: input.webhookUrl || null,
    ...(input.webhookSecret ? { webhookSecret: seal(input.webhookSecret) } : {}),
  };
}

/** Adds an alert rule (route permission: alerts.manage). Event rules look at events from now on. */
export async function createAlertRule(ctx: VerbContext, input: AlertRuleInput): Promise<{ id: string }> {
  const id = newId();
  return auditedTransaction(
    ctx,
    { action: "alert.rule.create", target: `alert-rule:${input.name}`, details: { id, kind: input.kind, target: input.target } },
    async (tx) => {
      await tx.alertRule.create({ data: { id, ...ruleColumns(input), createdBy: ctx.actor.username, eventCursor: new Date() } });
      return { id };
    },
  );
}
