// Shared by server and browser: alert rules and alerts in a person's words. lib/ keeps keys; the sentences are
// messages/*.json's "alertWords", so the page, the e-mail and the dashboard say the same thing in each language.
import type { useTranslations } from "next-intl";
import { z } from "zod";
import { eventTargets, forecastTargets, metricTargets, type EventTarget, type ForecastTarget, type MetricTarget } from "./rules";
import type { ScopeColumns } from "./scopes";

export type AlertWords = ReturnType<typeof useTranslations<"alertWords">>;

type RuleCondition = { kind: string; target: string; comparison: string; level: number; durationMinutes: number };

/** What a rule watches, in words: "Guest CPU use", "A guest crashed", "Storage pool full". */
export function targetText(t: AlertWords, kind: string, target: string): string {
  if (kind === "event") {
    const e = eventTargets[target as EventTarget];
    return e ? t(`event.${e.key}`) : target;
  }
  if (kind === "forecast") {
    const f = forecastTargets[target as ForecastTarget];
    return f ? t(`forecast.${f.key}`) : target;
  }
  const m = metricTargets[target as MetricTarget];
  return m ? t(`target.${m.key}`) : target;
}

/** When an event rule's alert resolves, in words: "The alert resolves when the guest starts again." */
export function resolvesText(t: AlertWords, target: EventTarget): string {
  return t(`resolves.${eventTargets[target].key}`);
}

/** A rule's condition in words: "Guest CPU use above 90 % for 5 minutes". */
export function conditionText(t: AlertWords, rule: RuleCondition): string {
  const what = targetText(t, rule.kind, rule.target);
  if (rule.kind === "event") return what;
  if (rule.kind === "forecast") return t("forecastCondition", { what, days: rule.level });
  const target = metricTargets[rule.target as MetricTarget];
  if (!target) return rule.target;
  return t("metricCondition", {
    what,
    comparison: rule.comparison === "below" ? "below" : "above",
    level: rule.level,
    unit: target.unit,
    minutes: rule.durationMinutes,
  });
}

/** A rule's scope in words: "Everything", "Guests tagged web", "Pool default". */
export function scopeText(t: AlertWords, rule: ScopeColumns): string {
  switch (rule.scope) {
    case "host":
      return t("scope.host");
    case "guest":
      return t("scope.guest");
    case "pool":
      return t("scope.poolNamed", { pool: rule.pool ?? "" });
    case "tag":
      return t("scope.tagNamed", { tag: rule.tag ?? "" });
    default:
      return t("scope.global");
  }
}

const name = z.string().max(1000);
const rule = { target: z.string(), level: z.number() };

/**
 * What an alert says, as facts (stored as JSON in Alert.message) rather than a sentence, so each reader gets it in
 * their language. `host` null: the host was removed. Alerts from before hold an English sentence (kind "text").
 */
export const alertMessageSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("metric"),
    ...rule,
    comparison: z.string(),
    durationMinutes: z.number(),
    value: z.number().nullable(),
    host: name.nullable(),
    guest: name.optional(),
    pool: name.optional(),
  }),
  z.object({
    kind: z.literal("forecast"),
    ...rule,
    host: name.nullable(),
    pool: name.optional(),
    days: z.number(),
    fullAt: z.number().nullable(),
  }),
  z.object({ kind: z.literal("crashed"), guest: name, host: name.nullable() }),
  z.object({ kind: z.literal("paused"), guest: name, host: name.nullable(), reason: name.nullable() }),
  z.object({ kind: z.literal("unreachable"), host: name.nullable(), reason: name.nullable() }),
  z.object({ kind: z.literal("jobFailed"), job: name, error: name.nullable() }),
]);
export type AlertMessage = z.infer<typeof alertMessageSchema>;

export const storeAlertMessage = (m: AlertMessage): string => JSON.stringify(m);

/** The facts of a stored message, or its text when it is a sentence from before they were kept. */
export function readAlertMessage(stored: string): AlertMessage | { kind: "text"; text: string } {
  try {
    const parsed = alertMessageSchema.safeParse(JSON.parse(stored));
    if (parsed.success) return parsed.data;
  } catch {
    // an English sentence: shown as it is
  }
  return { kind: "text", text: stored };
}

/** An alert's message in the reader's words; `date` formats a day in their language and time zone. */
export function alertMessageText(t: AlertWords, stored: string, date: (ms: number) => string): string {
  const m = readAlertMessage(stored);
  const host = "host" in m ? (m.host ?? t("removedHost")) : "";
  switch (m.kind) {
    case "text":
      return m.text;
    case "metric": {
      const where = m.guest ? t("guestOn", { guest: m.guest, host }) : m.pool ? t("poolOn", { pool: m.pool, host }) : host;
      const condition = conditionText(t, { ...m, kind: "metric" });
      const unit = metricTargets[m.target as MetricTarget]?.unit ?? "";
      return m.value === null
        ? t("metricFoundNoValue", { condition, where })
        : t("metricFound", { condition, value: m.value, unit, where });
    }
    case "forecast": {
      const where = m.pool ? t("poolOn", { pool: m.pool, host }) : host;
      const condition = conditionText(t, { ...m, kind: "forecast", comparison: "above", durationMinutes: 0 });
      return m.days < 1 || m.fullAt === null
        ? t("forecastFoundNow", { condition, where })
        : t("forecastFound", { condition, where, days: Math.round(m.days), date: date(m.fullAt) });
    }
    case "crashed":
      return t("crashed", { guest: m.guest, host });
    case "paused":
      return m.reason ? t("pausedBy", { guest: m.guest, host, reason: m.reason }) : t("paused", { guest: m.guest, host });
    case "unreachable":
      return m.reason ? t("unreachableBecause", { host, reason: m.reason }) : t("unreachable", { host });
    case "jobFailed":
      return m.error ? t("jobFailedBecause", { job: m.job, error: m.error }) : t("jobFailed", { job: m.job });
  }
}
