import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { deleteAlertRule } from "@/lib/server/alerts/delete-rule";
import { updateAlertRule } from "@/lib/server/alerts/update-rule";
import { alertRuleSchema } from "@/lib/validations/alerts";

const params = z.object({ ruleId: z.string().min(1).max(64) });

/** Changes an alert rule. */
export const PUT = route(
  { permission: "alerts.manage", params, body: alertRuleSchema, summary: "Change an alert rule" },
  async ({ ctx, params, body }) => updateAlertRule(ctx, { ruleId: params.ruleId, rule: body }),
);

/** Removes an alert rule with its alerts. */
export const DELETE = route({ permission: "alerts.manage", params, summary: "Remove an alert rule" }, async ({ ctx, params }) =>
  deleteAlertRule(ctx, params),
);
