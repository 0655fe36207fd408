import { route } from "@/lib/server/http/route";
import { createAlertRule } from "@/lib/server/alerts/create-rule";
import { alertRuleSchema } from "@/lib/validations/alerts";

/** Adds an alert rule. */
export const POST = route({ permission: "alerts.manage", body: alertRuleSchema, summary: "Add an alert rule" }, async ({ ctx, body }) =>
  createAlertRule(ctx, body),
);
