import "server-only";
import { readJobError } from "../jobs/job-error";
import { readJobLabel } from "../jobs/job-label";
import type { AlertRule } from "@/generated/prisma-sqlite/client";
import { judgeSeries, metricTargets, type MetricTarget } from "@/lib/alerts/rules";
import { scopeCovers, type ScopeSubject } from "@/lib/alerts/scopes";
import { storeAlertMessage, type AlertMessage } from "@/lib/alerts/words";
import type { Db } from "../db";
import { evaluateForecastRule } from "./evaluate-forecast";
import { metricSeries } from "./metric-series";
import { fireAlert, openAlert, resolveAlert, type Finding } from "./transitions";

/** Events are looked at up to this long before now, so one written a moment late is still seen. */
const EVENT_LAG_MS = 2_000;

export type Evaluation = { fired: number; resolved: number };

const guestSubject = (hostId: string, uuid: string) => `guest:${hostId}/${uuid}`;

async function hostNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.host.findMany({ select: { id: true, name: true } })).map((h) => [h.id, h.name]));
}

/** What one round knows besides the rules: host names, and each guest's tags now (read once, when a tag rule asks). */
class Round {
  private tags: Promise<Map<string, string[]>> | null = null;
  constructor(
    private readonly db: Db,
    readonly names: Map<string, string>,
  ) {}

  private tagIndex(): Promise<Map<string, string[]>> {
    this.tags ??= this.db.guestTag.findMany().then((rows) => {
      const index = new Map<string, string[]>();
      for (const r of rows) index.set(`${r.hostId}/${r.guestUuid}`, [...(index.get(`${r.hostId}/${r.guestUuid}`) ?? []), r.tag]);
      return index;
    });
    return this.tags;
  }

  /** Whether the rule covers the subject, with the guest's tags as they are now (a guest tagged after the rule counts). */
  async covers(rule: AlertRule, subject: ScopeSubject): Promise<boolean> {
    if (rule.scope !== "tag" || !subject.guestUuid || !subject.hostId) return scopeCovers(rule, subject);
    const tags = (await this.tagIndex()).get(`${subject.hostId}/${subject.guestUuid}`) ?? [];
    return scopeCovers(rule, { ...subject, tags });
  }

  /** The UUIDs of the guests with a tag now. */
  async tagged(tag: string): Promise<string[]> {
    return [...(await this.tagIndex())].filter(([, tags]) => tags.includes(tag)).map(([key]) => key.slice(key.indexOf("/") + 1));
  }
}

/** A metric rule over every host or guest in its scope: fires where the condition held for its duration, resolves where it no longer holds. */
async function evaluateMetricRule(db: Db, rule: AlertRule, now: number, round: Round, tally: Evaluation) {
  const target = rule.target as MetricTarget;
  if (!(target in metricTargets)) return;
  const series = await metricSeries(
    db,
    {
      target,
      hostId: rule.hostId,
      guestUuid: rule.guestUuid,
      pool: rule.pool,
      ...(rule.scope === "tag" && rule.tag ? { guestUuids: await round.tagged(rule.tag) } : {}),
    },
    now - (rule.durationMinutes + 3) * 60_000,
  );
  const names = round.names;
  for (const s of series) {
    if (!(await round.covers(rule, s))) continue;
    const subject = s.guestUuid ? guestSubject(s.hostId, s.guestUuid) : s.pool ? `pool:${s.hostId}/${s.pool}` : `host:${s.hostId}`;
    const judgement = judgeSeries({ ...rule, comparison: rule.comparison === "below" ? "below" : "above" }, s.samples, now, s.stepMs);
    const value = judgement.value === null ? null : Math.round(judgement.value * 10) / 10;
    if (judgement.state === "met") {
      const finding: Finding = {
        subject,
        hostId: s.hostId,
        guestUuid: s.guestUuid,
        value,
        message: storeAlertMessage({
          kind: "metric",
          target: rule.target,
          comparison: rule.comparison,
          level: rule.level,
          durationMinutes: rule.durationMinutes,
          value,
          host: names.get(s.hostId) ?? null,
          ...(s.guestUuid ? { guest: s.guestUuid } : s.pool ? { pool: s.pool } : {}),
        }),
      };
      if (await fireAlert(db, rule, finding, new Date(now))) tally.fired++;
    } else if (judgement.state === "clear") {
      const open = await openAlert(db, rule.id, subject);
      if (open && (await resolveAlert(db, open, new Date(now)))) tally.resolved++;
    }
  }
}

/** Per event rule: the fleet events that fire it and those that resolve what they fired. */
const eventKinds: Record<string, { fires: string; clears: string[] }> = {
  "guest.crashed": { fires: "guest.crashed", clears: ["guest.started"] },
  "guest.paused": { fires: "guest.paused", clears: ["guest.resumed", "guest.started", "guest.stopped", "guest.crashed"] },
  "host.unreachable": { fires: "host.disconnected", clears: ["host.connected"] },
};

/** What a fired event alert says (its facts; lib/alerts/words.ts words them for each reader). */
function eventMessage(
  e: { kind: string; guestUuid: string | null; name: string | null; message: string | null },
  host: string | null,
): string {
  const guest = e.name ?? e.guestUuid ?? "";
  const m: AlertMessage =
    e.kind === "guest.crashed"
      ? { kind: "crashed", guest, host }
      : e.kind === "guest.paused"
        ? { kind: "paused", guest, host, reason: e.message }
        : { kind: "unreachable", host, reason: e.message };
  return storeAlertMessage(m);
}

/** An event rule over what happened since it last looked: crashes, pauses by errors and lost hosts fire, their returns resolve; failed jobs fire. */
async function evaluateEventRule(db: Db, rule: AlertRule, now: number, round: Round, tally: Evaluation) {
  const names = round.names;
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
      if (!(await round.covers(rule, { hostId, guestUuid }))) continue;
      const finding = {
        subject: `job:${job.id}`,
        hostId,
        guestUuid,
        value: null,
        message: storeAlertMessage({ kind: "jobFailed", job: readJobLabel(job.label).label, error: readJobError(job.error).error ?? null }),
      };
      if (await fireAlert(db, rule, finding, at)) tally.fired++;
    }
  } else if (eventKinds[rule.target]) {
    const { fires, clears } = eventKinds[rule.target]!;
    const events = await db.fleetEvent.findMany({
      where: { kind: { in: [fires, ...clears] }, at: { gt: from, lte: to } },
      orderBy: { at: "asc" },
    });
    for (const e of events) {
      if (!(await round.covers(rule, { hostId: e.hostId, guestUuid: e.guestUuid }))) continue;
      const subject = e.guestUuid ? guestSubject(e.hostId, e.guestUuid) : `host:${e.hostId}`;
      const host = names.get(e.hostId) ?? e.hostName ?? null;
      if (e.kind === fires) {
        const message = eventMessage(e, host);
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
  const round = new Round(db, await hostNames(db));
  for (const rule of await db.alertRule.findMany({ where: { enabled: true } })) {
    if (rule.kind === "metric") await evaluateMetricRule(db, rule, now, round, tally);
    else if (rule.kind === "forecast") await evaluateForecastRule(db, rule, now, tally);
    else await evaluateEventRule(db, rule, now, round, tally);
  }
  for (const alert of await db.alert.findMany({ where: { status: "firing", rule: { enabled: false } } })) {
    if (await resolveAlert(db, alert, new Date(now))) tally.resolved++;
  }
  return tally;
}
