import "server-only";
import type { AlertRule } from "@/generated/prisma-sqlite/client";
import { conditionText, judgeSeries, metricTargets, type MetricTarget } from "@/lib/alerts/rules";
import type { Db } from "../db";
import { evaluateForecastRule } from "./evaluate-forecast";
import { metricSeries } from "./metric-series";
import { fireAlert, openAlert, resolveAlert, type Finding } from "./transitions";

/** Events are looked at up to this long before now, so one written a moment late is still seen. */
const EVENT_LAG_MS = 2_000;

export type Evaluation = { fired: number; resolved: number };

const guestSubject = (hostId: string, uuid: string) => `guest:${hostId}/${uuid}`;

const inScope = (rule: AlertRule, hostId: string | null, guestUuid: string | null) =>
  rule.scope === "global" || (rule.hostId === hostId && (rule.scope === "host" || rule.guestUuid === guestUuid));

async function hostNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.host.findMany({ select: { id: true, name: true } })).map((h) => [h.id, h.name]));
}

/** A metric rule over every host or guest in its scope: fires where the condition held for its duration, resolves where it no longer holds. */
async function evaluateMetricRule(db: Db, rule: AlertRule, now: number, names: Map<string, string>, tally: Evaluation) {
  const target = rule.target as MetricTarget;
  if (!(target in metricTargets)) return;
  const series = await metricSeries(
    db,
    { target, hostId: rule.hostId, guestUuid: rule.guestUuid },
    now - (rule.durationMinutes + 3) * 60_000,
  );
  const unit = metricTargets[target].unit;
  for (const s of series) {
    const subject = s.guestUuid ? guestSubject(s.hostId, s.guestUuid) : `host:${s.hostId}`;
    const judgement = judgeSeries({ ...rule, comparison: rule.comparison === "below" ? "below" : "above" }, s.samples, now);
    const value = judgement.value === null ? null : Math.round(judgement.value * 10) / 10;
    if (judgement.state === "met") {
      const where = s.guestUuid
        ? `guest ${s.guestUuid} on ${names.get(s.hostId) ?? "a removed host"}`
        : (names.get(s.hostId) ?? "a removed host");
      const finding: Finding = {
        subject,
        hostId: s.hostId,
        guestUuid: s.guestUuid,
        value,
        message: `${conditionText(rule)}: ${value} ${unit} on ${where}`,
      };
      if (await fireAlert(db, rule, finding, new Date(now))) tally.fired++;
    } else if (judgement.state === "clear") {
      const open = await openAlert(db, rule.id, subject);
      if (open && (await resolveAlert(db, open, new Date(now)))) tally.resolved++;
    }
  }
}

/** An event rule over what happened since it last looked: crashes and lost hosts fire, their returns resolve; failed jobs fire. */
async function evaluateEventRule(db: Db, rule: AlertRule, now: number, names: Map<string, string>, tally: Evaluation) {
  const from = rule.eventCursor ?? rule.createdAt;
  const to = new Date(now - EVENT_LAG_MS);
  if (to <= from) return;
  const at = new Date(now);
  if (rule.target === "job.failed") {
    const jobs = await db.job.findMany({
      where: { status: "failed", rule: null, finishedAt: { gt: from, lte: to } },
      orderBy: { finishedAt: "asc" },
    });
    for (const job of jobs) {
      const guest = /^guest:([^/]+)\/(.+)$/.exec(job.target);
      const hostId = guest?.[1] ?? null;
      const guestUuid = guest?.[2] ?? null;
      if (!inScope(rule, hostId, guestUuid)) continue;
      const finding = {
        subject: `job:${job.id}`,
        hostId,
        guestUuid,
        value: null,
        message: `${job.label} failed${job.error ? `: ${job.error}` : ""}`,
      };
      if (await fireAlert(db, rule, finding, at)) tally.fired++;
    }
  } else {
    const [fires, clears] = rule.target === "guest.crashed" ? ["guest.crashed", "guest.started"] : ["host.disconnected", "host.connected"];
    const events = await db.fleetEvent.findMany({
      where: { kind: { in: [fires!, clears!] }, at: { gt: from, lte: to } },
      orderBy: { at: "asc" },
    });
    for (const e of events) {
      if (!inScope(rule, e.hostId, e.guestUuid)) continue;
      const subject = e.guestUuid ? guestSubject(e.hostId, e.guestUuid) : `host:${e.hostId}`;
      const host = names.get(e.hostId) ?? e.hostName ?? "a removed host";
      if (e.kind === fires) {
        const message = e.guestUuid
          ? `${e.name ?? e.guestUuid} crashed on ${host}`
          : `${host} is unreachable${e.message ? `: ${e.message}` : ""}`;
        if (await fireAlert(db, rule, { subject, hostId: e.hostId, guestUuid: e.guestUuid, value: null, message }, e.at)) tally.fired++;
      } else {
        const open = await openAlert(db, rule.id, subject);
        if (open && (await resolveAlert(db, open, e.at))) tally.resolved++;
      }
    }
  }
  await db.alertRule.update({ where: { id: rule.id }, data: { eventCursor: to } });
}

/**
 * One round over every enabled rule (the scheduled "alerts.evaluate" run, on one instance at a time).
 * Alerts of rules switched off resolve.
 */
export async function evaluateAlerts(db: Db, now = Date.now()): Promise<Evaluation> {
  const tally: Evaluation = { fired: 0, resolved: 0 };
  const names = await hostNames(db);
  for (const rule of await db.alertRule.findMany({ where: { enabled: true } })) {
    if (rule.kind === "metric") await evaluateMetricRule(db, rule, now, names, tally);
    else if (rule.kind === "forecast") await evaluateForecastRule(db, rule, now, tally);
    else await evaluateEventRule(db, rule, now, names, tally);
  }
  for (const alert of await db.alert.findMany({ where: { status: "firing", rule: { enabled: false } } })) {
    if (await resolveAlert(db, alert, new Date(now))) tally.resolved++;
  }
  return tally;
}
