import "server-only";
import { Prisma } from "@/generated/prisma-sqlite/client";
import type { Db } from "../db";
import type { LiveSource } from "./collector";
import { prometheusHistory } from "./prometheus-history";
import { floorTo, HOUR_MS, MINUTE_MS, type Resolution } from "./rollups";
import { GUEST_SERIES, HOST_SERIES, isSeriesName, type AnyPoint, type SeriesName } from "@/lib/metrics/series";

// A chart's series over a range, at the finest resolution that covers it and fits the chart: the
// collector's live points for the last hour, 1-minute rows up to about a week (while kept), 1-hour rows
// beyond. Points are merged into buckets of a whole number of steps so a chart gets at most
// `maxPoints` (the database does that grouping itself, so at most maxPoints rows come back); the newest
// stretch not yet in the database comes from the live points. With a Prometheus server (ctx.prometheusUrl)
// every range beyond the live hour comes from it instead of the rollup tables (prometheus-history.ts).

export type RangeName = "1h" | "24h" | "7d" | "30d" | "1y";
export type HistoryRange = RangeName | { from: number; to: number };

const DAY_MS = 24 * HOUR_MS;
export const RANGE_MS: Record<RangeName, number> = {
  "1h": HOUR_MS,
  "24h": DAY_MS,
  "7d": 7 * DAY_MS,
  "30d": 30 * DAY_MS,
  "1y": 365 * DAY_MS,
};
/** 1-minute rows serve ranges up to this long (a week, plus slack for a custom range a little over). */
const MINUTE_ROWS_MAX_SPAN = 7 * DAY_MS + HOUR_MS;

export interface HistoryQuery {
  hostId: string;
  /** Omitted or null: the host's own series. */
  guestUuid?: string | null;
  range: HistoryRange;
  series?: readonly SeriesName[];
  maxPoints?: number;
  now?: number;
}

/** Columnar, as uPlot takes it: t[i] is the bucket start (ms), avg[s][i] and max[s][i] its values. */
export interface HistoryResult {
  from: number;
  to: number;
  resolution: Resolution | "raw" | "prometheus";
  stepMs: number;
  t: number[];
  avg: Partial<Record<SeriesName, (number | null)[]>>;
  max: Partial<Record<SeriesName, (number | null)[]>>;
}

/** Where the live points come from: the collector here, or the instance that samples the host (live-points.ts). */
export type LiveHistory = Pick<LiveSource, "intervalMs" | "liveHistoryMs"> & {
  guestPoints(hostId: string, uuid: string, from?: number, to?: number): readonly AnyPoint[] | Promise<readonly AnyPoint[]>;
  hostPoints(hostId: string, from?: number, to?: number): readonly AnyPoint[] | Promise<readonly AnyPoint[]>;
};

export interface HistoryContext {
  db: Db;
  collector?: LiveHistory | null;
  retentionMinuteDays: number;
  /** PROMETHEUS_URL: where history beyond the live hour comes from; the rollup tables without it. */
  prometheusUrl?: string | null;
}

/** A point with its bucket's average and maximum per series (raw points are their own maximum). */
type Bucketed = { t: number; avg: Partial<Record<SeriesName, number | null>>; max: Partial<Record<SeriesName, number | null>> };

export function resolveRange(range: HistoryRange, now: number): { from: number; to: number } {
  if (typeof range === "string") return { from: now - RANGE_MS[range], to: now };
  if (!(range.to > range.from)) throw new RangeError("history range: `to` must be after `from`");
  return { from: range.from, to: range.to };
}

/** The resolution for a span starting at `from`, and the step that keeps it under maxPoints. */
export function chooseResolution(
  from: number,
  to: number,
  now: number,
  liveMs: number,
  intervalMs: number,
  retentionMinuteDays: number,
  maxPoints: number,
): { resolution: Resolution | "raw"; stepMs: number } {
  const span = to - from;
  const stepOf = (base: number) => Math.max(base, Math.ceil(span / maxPoints / base) * base);
  if (liveMs > 0 && from >= now - liveMs) return { resolution: "raw", stepMs: stepOf(intervalMs) };
  if (span <= MINUTE_ROWS_MAX_SPAN && from >= now - retentionMinuteDays * DAY_MS) return { resolution: "1m", stepMs: stepOf(MINUTE_MS) };
  return { resolution: "1h", stepMs: stepOf(HOUR_MS) };
}

export async function queryHistory(ctx: HistoryContext, query: HistoryQuery): Promise<HistoryResult> {
  const now = query.now ?? Date.now();
  const { from, to } = resolveRange(query.range, now);
  const guestUuid = query.guestUuid ?? "";
  // Names reach SQL as column names: only known series pass.
  const series = (query.series ?? (guestUuid ? GUEST_SERIES : HOST_SERIES)).filter(isSeriesName);
  const maxPoints = Math.max(10, query.maxPoints ?? 1000);
  const collector = ctx.collector ?? null;
  const { resolution, stepMs } = chooseResolution(
    from,
    to,
    now,
    collector ? collector.liveHistoryMs : 0,
    collector?.intervalMs ?? MINUTE_MS,
    ctx.retentionMinuteDays,
    maxPoints,
  );
  if (ctx.prometheusUrl && resolution !== "raw") {
    return prometheusHistory(ctx.prometheusUrl, { hostId: query.hostId, guestUuid, from, to, series, maxPoints });
  }

  const live: readonly AnyPoint[] = !collector
    ? []
    : await (guestUuid ? collector.guestPoints(query.hostId, guestUuid, from, to) : collector.hostPoints(query.hostId, from, to));
  const points: Bucketed[] = [];
  // Each source covers what the coarser one before it does not hold yet: 1-hour rows, then 1-minute
  // rows newer than those (the hour not rolled up yet, or all of it on a young database), then live points.
  let cursor = from;
  const addStored = async (res: Resolution, until: number) => {
    if (until <= cursor) return;
    const stored = await storedBuckets(ctx.db, query.hostId, guestUuid, res, cursor, until, stepMs, series);
    points.push(...stored.points);
    if (stored.end !== null) cursor = Math.max(cursor, stored.end);
  };
  if (resolution === "1h") await addStored("1h", to);
  if (resolution !== "raw") await addStored("1m", to);
  // The live hour on a server started only a little while ago: what it missed comes from 1-minute rows.
  else if ((live[0]?.t ?? to) - from > 2 * MINUTE_MS) await addStored("1m", live[0]?.t ?? to);
  for (const p of live) {
    if (p.t < cursor) continue;
    const values = Object.fromEntries(series.map((s) => [s, p[s] ?? null]));
    points.push({ t: p.t, avg: values, max: values });
  }
  return { from, to, resolution, stepMs, ...mergeBuckets(points, series, stepMs) };
}

/**
 * The stored rows of the range grouped into chart steps by the database: mean of the averages, max of
 * the maxima. Integer arithmetic on the minute bucket, so the same SQL runs on SQLite and PostgreSQL.
 */
async function storedBuckets(
  db: Db,
  hostId: string,
  guestUuid: string,
  resolution: Resolution,
  from: number,
  to: number,
  stepMs: number,
  series: readonly SeriesName[],
): Promise<{ points: Bucketed[]; /** where the newest row's bucket ends (ms), null without rows */ end: number | null }> {
  // Whole minutes, ours (never user input), so safe to inline; a bound number may arrive as a float.
  const step = Prisma.raw(String(Math.max(1, Math.round(stepMs / MINUTE_MS))));
  const columns = Prisma.raw(series.map((s) => `AVG("${s}") AS "${s}", MAX("${s}Max") AS "${s}Max"`).join(", "));
  const rows = await db.$queryRaw<Array<Record<string, number | bigint | null>>>`
    SELECT ("bucket" / ${step}) * ${step} AS "b", MAX("bucket") AS "newest", ${columns} FROM "MetricPoint"
    WHERE "hostId" = ${hostId} AND "guestUuid" = ${guestUuid} AND "resolution" = ${resolution}
      AND "bucket" >= ${Math.ceil(from / MINUTE_MS)} AND "bucket" < ${Math.ceil(to / MINUTE_MS)}
    GROUP BY 1 ORDER BY 1`;
  const num = (v: number | bigint | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const points = rows.map((r) => ({
    t: Number(r.b) * MINUTE_MS,
    avg: Object.fromEntries(series.map((s) => [s, num(r[s])])),
    max: Object.fromEntries(series.map((s) => [s, num(r[`${s}Max`])])),
  }));
  const newest = rows.length ? Number(rows[rows.length - 1].newest) * MINUTE_MS : null;
  return { points, end: newest === null ? null : newest + (resolution === "1m" ? MINUTE_MS : HOUR_MS) };
}

/** Merges time-ordered points into buckets of `stepMs`: mean of averages (nulls skipped), max of maxima. */
export function mergeBuckets(
  points: readonly Bucketed[],
  series: readonly SeriesName[],
  stepMs: number,
): Pick<HistoryResult, "t" | "avg" | "max"> {
  const t: number[] = [];
  const avg: Partial<Record<SeriesName, (number | null)[]>> = {};
  const max: Partial<Record<SeriesName, (number | null)[]>> = {};
  for (const s of series) {
    avg[s] = [];
    max[s] = [];
  }
  let i = 0;
  while (i < points.length) {
    const bucket = floorTo(points[i].t, stepMs);
    let j = i;
    while (j < points.length && floorTo(points[j].t, stepMs) === bucket) j++;
    t.push(bucket);
    for (const s of series) {
      let sum = 0;
      let n = 0;
      let top: number | null = null;
      for (let k = i; k < j; k++) {
        const a = points[k].avg[s];
        if (a !== null && a !== undefined) {
          sum += a;
          n++;
        }
        const m = points[k].max[s];
        if (m !== null && m !== undefined && (top === null || m > top)) top = m;
      }
      avg[s]!.push(n ? Math.round((sum / n) * 100) / 100 : null);
      max[s]!.push(top);
    }
    i = j;
  }
  return { t, avg, max };
}
