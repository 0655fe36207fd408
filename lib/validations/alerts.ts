import { z } from "zod";
import { comparisons, eventTargetNames, metricTargetNames } from "@/lib/alerts/rules";

const scope = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("global") }),
  z.object({ scope: z.literal("host"), hostId: z.string().min(1).max(64) }),
  z.object({ scope: z.literal("guest"), hostId: z.string().min(1).max(64), guestUuid: z.string().uuid() }),
]);

const common = z.object({
  name: z.string().trim().min(1, "Give the rule a name").max(120),
  enabled: z.boolean().default(true),
  /** Where alerts are posted as signed JSON; empty for none. */
  webhookUrl: z.union([z.literal(""), z.string().url("A web address such as https://example.com/hook").max(2048)]).default(""),
  /** The key the webhook's signature is made with; empty keeps the stored one. */
  webhookSecret: z.string().max(256).default(""),
});

const metricRule = common.extend({
  kind: z.literal("metric"),
  target: z.enum(metricTargetNames),
  comparison: z.enum(comparisons),
  level: z.number().finite().min(0).max(1_000_000),
  durationMinutes: z
    .number()
    .int()
    .min(1, "At least 1 minute")
    .max(24 * 60, "At most a day"),
});

const eventRule = common.extend({ kind: z.literal("event"), target: z.enum(eventTargetNames) });

/** A new alert rule, as the rule form sends it and the server checks it. */
export const alertRuleSchema = z.intersection(z.discriminatedUnion("kind", [metricRule, eventRule]), scope);
export type AlertRuleInput = z.infer<typeof alertRuleSchema>;

/** Silencing an alert: no notifications about it until then. */
export const silenceSchema = z.object({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
});

/** A person's choice to be told of a rule's alerts by e-mail. */
export const subscriptionSchema = z.object({ email: z.string().trim().email("An e-mail address such as ann@example.com").max(254) });
