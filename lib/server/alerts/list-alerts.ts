import "server-only";
import type { Alert, AlertRule } from "@/generated/prisma-sqlite/client";
import { ruleScopes } from "@/lib/alerts/scopes";
import type { AlertRuleView, AlertsResponse, AlertView } from "@/lib/alerts/types";
import { can, canAnywhere } from "@/lib/roles";
import { db } from "../db";
import { forbidden } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { canSeeAlert, scopeOf } from "./alert-access";
import { readerOf, wordsFor, type Reader } from "./alert-words";

/** How many resolved alerts the history shows. */
export const HISTORY_SHOWN = 100;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function alertView(a: Alert & { rule: Pick<AlertRule, "name"> }, message: (stored: string) => string): AlertView {
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleName: a.rule.name,
    subject: a.subject,
    hostId: a.hostId,
    guestUuid: a.guestUuid,
    status: a.status === "firing" ? "firing" : "resolved",
    message: message(a.message),
    value: a.value,
    firedAt: a.firedAt.toISOString(),
    resolvedAt: iso(a.resolvedAt),
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    silencedUntil: iso(a.silencedUntil),
  };
}

/**
 * The alerts page and the dashboard: the rules, the firing alerts and the latest resolved ones, each
 * alert only to those who may see what it concerns (alert-access.ts), its message in the reader's words.
 * `activeOnly` for the dashboard; `reader` by default: the actor's stored language and zone.
 */
export async function listAlerts(
  ctx: VerbContext,
  { activeOnly = false, reader = readerOf(ctx.actor) }: { activeOnly?: boolean; reader?: Reader } = {},
): Promise<AlertsResponse> {
  const grants = ctx.actor.grants;
  if (!canAnywhere(grants, "metrics.view") && !can(grants, "alerts.manage")) throw forbidden();
  const include = { rule: { select: { name: true } } } as const;
  const [rules, active, history, mine] = await Promise.all([
    activeOnly ? [] : db().alertRule.findMany({ orderBy: { name: "asc" } }),
    db().alert.findMany({ where: { status: "firing" }, orderBy: { firedAt: "desc" }, include }),
    activeOnly
      ? []
      : db().alert.findMany({ where: { status: "resolved" }, orderBy: { resolvedAt: "desc" }, take: HISTORY_SHOWN * 2, include }),
    db().alertSubscription.findMany({ where: { userId: ctx.actor.id } }),
  ]);
  const { message } = await wordsFor(reader);
  const emails = new Map(mine.map((s) => [s.ruleId, s.email]));
  const visible = (a: Alert) => canSeeAlert(grants, a);
  // Every rule on everything is listed to whoever sees metrics (to choose to be told); others with what they concern.
  const ruleVisible = (r: AlertRule) => r.scope === "global" || can(grants, "metrics.view", scopeOf(r));
  return {
    rules: rules.filter(ruleVisible).map((r): AlertRuleView => ({
      id: r.id,
      name: r.name,
      kind: r.kind === "event" ? "event" : r.kind === "forecast" ? "forecast" : "metric",
      target: r.target,
      comparison: r.comparison === "below" ? "below" : "above",
      level: r.level,
      durationMinutes: r.durationMinutes,
      scope: ruleScopes.find((s) => s === r.scope) ?? "global",
      hostId: r.hostId,
      guestUuid: r.guestUuid,
      pool: r.pool,
      tag: r.tag,
      enabled: r.enabled,
      webhookUrl: r.webhookUrl,
      webhookSigned: r.webhookSecret !== null,
      createdBy: r.createdBy,
      myEmail: emails.get(r.id) ?? null,
    })),
    active: active.filter(visible).map((a) => alertView(a, message)),
    history: history
      .filter(visible)
      .slice(0, HISTORY_SHOWN)
      .map((a) => alertView(a, message)),
    canManage: can(grants, "alerts.manage"),
  };
}
