import { z } from "zod";
import { addProblem, said } from "@/lib/validations/messages";
import { comparisons, concernOf, eventTargetNames, forecastTargetNames, MAX_FORECAST_DAYS, metricTargetNames } from "@/lib/alerts/rules";
import { ruleScopeSchema, scopesFor } from "@/lib/alerts/scopes";

const common = z.object({
  name: z.string().trim().min(1, said("giveRuleName")).max(120),
  enabled: z.boolean().default(true),
  /** Where alerts are posted as signed JSON; empty for none. */
  webhookUrl: z.union([z.literal(""), z.string().url(said("webhookUrl")).max(2048)]).default(""),
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
    .min(1, said("atLeastMinutes"))
    .max(24 * 60, said("atMostADay")),
});

const eventRule = common.extend({ kind: z.literal("event"), target: z.enum(eventTargetNames) });

/** A forecast rule: `level` is the number of days ahead; it fires while the trend reaches 100 % within them. */
const forecastRule = common.extend({
  kind: z.literal("forecast"),
  target: z.enum(forecastTargetNames),
  level: z.number().int(said("wholeDays")).min(1, said("atLeastDays")).max(MAX_FORECAST_DAYS, said("atMostDays")),
});

/** A new alert rule, as the rule form sends it and the server checks it. */
export const alertRuleSchema = z
  .intersection(z.discriminatedUnion("kind", [metricRule, eventRule, forecastRule]), ruleScopeSchema)
  .superRefine((rule, ctx) => {
    const concern = concernOf(rule.kind, rule.target);
    if (concern && !scopesFor[concern].includes(rule.scope)) addProblem(ctx, { key: "ruleScope" }, ["scope"]);
  });
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
export const subscriptionSchema = z.object({ email: z.string().trim().email(said("emailExample")).max(254) });

/** How the console sends e-mail (Admin → Settings): the server, its security, the account, the sender. */
export const smtpSettingsSchema = z.object({
  host: z.string().trim().min(1, said("mailServer")).max(253),
  port: z.number().int().min(1).max(65535),
  /** "starttls": plain connection upgraded to TLS (required); "tls": TLS from the start; "none": no encryption. */
  security: z.enum(["starttls", "tls", "none"]),
  username: z.string().max(254).default(""),
  /** Empty keeps the stored password; the stored one never leaves the server. */
  password: z.string().max(1024).default(""),
  /** Forget the stored password (an account without one). */
  clearPassword: z.boolean().default(false),
  from: z.string().trim().email(said("senderAddress")).max(254),
  /** A PEM certificate to trust for the mail server (a private certificate authority); empty for the system's. */
  caCertificate: z.string().max(20_000).default(""),
});
export type SmtpSettingsInput = z.infer<typeof smtpSettingsSchema>;
