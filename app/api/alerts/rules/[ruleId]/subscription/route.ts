import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { subscribeToRule } from "@/lib/server/alerts/subscribe-rule";
import { subscriptionSchema } from "@/lib/validations/alerts";

const params = z.object({ ruleId: z.string().min(1).max(64) });

/** The person's choice to get a rule's alerts by e-mail at an address. */
export const PUT = route(
  { permission: "metrics.view", params, body: subscriptionSchema, summary: "Get a rule's alerts by e-mail" },
  async ({ ctx, params, body }) => subscribeToRule(ctx, { ruleId: params.ruleId, email: body.email }),
);

/** No more e-mail for this rule. */
export const DELETE = route({ permission: "authenticated", params, summary: "Stop a rule's e-mail" }, async ({ ctx, params }) =>
  subscribeToRule(ctx, { ruleId: params.ruleId, email: null }),
);
