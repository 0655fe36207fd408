import "server-only";
import { errorFields, log } from "../log";
import { Prisma } from "@/generated/prisma-sqlite/client";
import type { Db } from "../db";
import type { LiveSource } from "./collector";
import { ALL_SERIES, GUEST_SERIES, HOST_SERIES, type AnyPoint, type SeriesName } from "@/lib/metrics/series";

// The stored half of the metrics: every minute, the average and maximum of each series over that
// minute's live points, one row per guest and per host ("1m"); every hour, the hour's 1-minute rows
// rolled into one ("1h"); rows past their retention pruned. Writing a bucket replaces what a bucket
// already holds, so a restart (or a re-run) never duplicates rows. Rows are written with plain SQL
// (one multi-row INSERT per few hundred rows, ten times faster than createMany here) that SQLite and
// PostgreSQL both take; bucket is in minutes since the epoch (see MetricPoint in schema.prisma).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
export type Resolution = "1m" | "1h";

type Values = Partial<Record<SeriesName | `${SeriesName}Max`, number | null>>;
export type MetricRow = {
  hostId: string;
  guestUuid: string;
  resolution: Resolution;
  /** minutes since the epoch */ bucket: number;
  samples: number;
} & Values;

export const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;
export const toMinutes = (ms: number): number => Math.floor(ms / MINUTE_MS);
const round = (v: number): number => Math.round(v * 100) / 100;

/** Every value column, in the order INSERTs list them. */
export const VALUE_COLUMNS: readonly string[] = ALL_SERIES.flatMap((s) => [s, `${s}Max`]);
const KEY_COLUMNS = ["hostId", "guestUuid", "resolution", "bucket", "samples"];
const quoted = (names: readonly string[]) => Prisma.raw(names.map((n) => `"${n}"`).join(", "));
/** Rows per INSERT: 29 parameters each stays well under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 300;
/** Rows a bucket's write puts in one transaction at least (whole hosts): about 30 ms of the server's thread each. */
const ROWS_PER_TRANSACTION = 100;

/** Average and maximum of each series over the points, skipping nulls (a series with no values stays null). */
export function summarize(points: readonly AnyPoint[], series: readonly SeriesName[]): Values {
  const out: Values = {};
  for (const s of series) {
    let sum = 0;
    let n = 0;
    let max = -Infinity;
    for (const p of points) {
      const v = p[s];
      if (v === null || v === undefined) continue;
      sum += v;
      n++;
      if (v > max) max = v;
    }
    out[s] = n ? round(sum / n) : null;
    out[`${s}Max`] = n ? max : null;
  }
  return out;
}

/** The 1-minute rows of one host and its guests for the minute starting at `minute` (ms), from the live points. */
function hostMinuteRows(live: LiveSource, { hostId, guests }: { hostId: string; guests: string[] }, minute: number): MetricRow[] {
  const rows: MetricRow[] = [];
  const bucket = toMinutes(minute);
  const end = minute + MINUTE_MS;
  const hostPoints = live.hostPoints(hostId, minute, end);
  if (hostPoints.length)
    rows.push({ hostId, guestUuid: "", resolution: "1m", bucket, samples: hostPoints.length, ...summarize(hostPoints, HOST_SERIES) });
  for (const uuid of guests) {
    const points = live.guestPoints(hostId, uuid, minute, end);
    if (points.length)
      rows.push({ hostId, guestUuid: uuid, resolution: "1m", bucket, samples: points.length, ...summarize(points, GUEST_SERIES) });
  }
  return rows;
}

/** The 1-minute rows of the minute starting at `minute` (ms), from the live points. */
export function minuteRows(live: LiveSource, minute: number): MetricRow[] {
  return live.liveSeries().flatMap((series) => hostMinuteRows(live, series, minute));
}

/**
 * Lets the server answer what waits (requests, libvirt replies) before going on. Long work on the server's thread
 * yields with it: SQLite's driver settles its promises at once, so awaiting the database alone never lets anything in.
 */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writing a row that exists replaces it: two instances that both think they hold a host for a moment (a lease
 * handed over) can never store a bucket twice, and the later write wins.
 */
const ON_CONFLICT_REPLACE = Prisma.raw(
  `ON CONFLICT ("hostId", "guestUuid", "resolution", "bucket") DO UPDATE SET ${["samples", ...VALUE_COLUMNS].map((c) => `"${c}" = excluded."${c}"`).join(", ")}`,
);

/** INSERT statements for the rows (several rows per statement). */
export function insertStatements(db: Db, rows: readonly MetricRow[]): Prisma.PrismaPromise<number>[] {
  const statements: Prisma.PrismaPromise<number>[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows.slice(i, i + INSERT_CHUNK).map((r) => {
      const record = r as Record<string, unknown>;
      return Prisma.sql`(${Prisma.join([r.hostId, r.guestUuid, r.resolution, r.bucket, r.samples, ...VALUE_COLUMNS.map((c) => record[c] ?? null)])})`;
    });
    statements.push(
      db.$executeRaw`INSERT INTO "MetricPoint" (${quoted([...KEY_COLUMNS, ...VALUE_COLUMNS])}) VALUES ${Prisma.join(values)} ${ON_CONFLICT_REPLACE}`,
    );
  }
  return statements;
}

/**
 * Replaces the rows of one bucket, per host in `rows`: each transaction replaces all of one or a few hosts' rows
 * (ROWS_PER_TRANSACTION), and the server answers requests between transactions. (SQLite runs on the server's own
 * thread: one transaction for a minute of 10,000 guests kept every request waiting 3-6 s once a minute.)
 */
export async function writeBucket(db: Db, resolution: Resolution, bucket: number, rows: readonly MetricRow[]): Promise<void> {
  // A host removed during the minute has no row to refer to; its points go with it instead of failing everyone's.
  const known = new Set(
    (await db.host.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.hostId))] } }, select: { id: true } })).map((h) => h.id),
  );
  const byHost = new Map<string, MetricRow[]>();
  for (const r of rows) {
    if (!known.has(r.hostId)) continue;
    const list = byHost.get(r.hostId);
    if (list) list.push(r);
    else byHost.set(r.hostId, [r]);
  }
  let hosts: string[] = [];
  let batch: MetricRow[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await db.$transaction([
      db.metricPoint.deleteMany({ where: { resolution, bucket, hostId: { in: hosts } } }),
      ...insertStatements(db, batch),
    ]);
    hosts = [];
    batch = [];
    await yieldToOthers();
  };
  for (const [hostId, hostRows] of byHost) {
    hosts.push(hostId);
    batch.push(...hostRows);
    if (batch.length >= ROWS_PER_TRANSACTION) await flush();
  }
  await flush();
}

/**
 * Rolls the 1-minute rows of the hour starting at `hour` (ms) into 1-hour rows, inside the database:
 * the mean of the minute averages, the largest minute maximum, the total sample count. Re-running
 * replaces the hour's rows. Only the hosts given, when given (those this instance holds). Returns how
 * many rows it wrote.
 */
export async function rollUpHour(db: Db, hour: number, hostIds?: readonly string[]): Promise<number> {
  if (hostIds && hostIds.length === 0) return 0;
  // An integer of ours, inlined: PostgreSQL cannot type a bound parameter in a SELECT list.
  const bucket = toMinutes(hour);
  const aggregates = Prisma.raw(ALL_SERIES.flatMap((s) => [`AVG("${s}")`, `MAX("${s}Max")`]).join(", "));
  const onlyHosts = hostIds ? Prisma.sql`AND "hostId" IN (${Prisma.join([...hostIds])})` : Prisma.empty;
  const [, written] = await db.$transaction([
    db.metricPoint.deleteMany({ where: { resolution: "1h", bucket, ...(hostIds ? { hostId: { in: [...hostIds] } } : {}) } }),
    db.$executeRaw`INSERT INTO "MetricPoint" (${quoted([...KEY_COLUMNS, ...VALUE_COLUMNS])})
      SELECT "hostId", "guestUuid", '1h', ${Prisma.raw(String(bucket))}, SUM("samples"), ${aggregates}
      FROM "MetricPoint" WHERE "resolution" = '1m' AND "bucket" >= ${bucket} AND "bucket" < ${bucket + 60} ${onlyHosts}
      GROUP BY "hostId", "guestUuid" ${ON_CONFLICT_REPLACE}`,
  ]);
  return written;
}

export interface Retention {
  minuteDays: number;
  hourDays: number;
}

/** Deletes rows past their retention; returns how many went. */
export async function pruneOld(db: Db, now: number, retention: Retention): Promise<number> {
  const [minutes, hours, pools] = await db.$transaction([
    db.metricPoint.deleteMany({ where: { resolution: "1m", bucket: { lt: toMinutes(now - retention.minuteDays * DAY_MS) } } }),
    db.metricPoint.deleteMany({ where: { resolution: "1h", bucket: { lt: toMinutes(now - retention.hourDays * DAY_MS) } } }),
    // Pool space (forecasts/pool-sampler.ts) is hourly too and kept as long.
    db.poolUsagePoint.deleteMany({ where: { bucket: { lt: toMinutes(now - retention.hourDays * DAY_MS) } } }),
  ]);
  return minutes.count + hours.count + pools.count;
}

/**
 * Writes the rollups on a schedule: each minute's rows shortly after it ends (once the collector's
 * last point of it is in), each hour's rollup and the pruning after the hour ends, catching up on
 * hours a stopped server missed (as far back as 1-minute rows are kept). With several instances, each
 * writes the hosts it holds the lease of (`holds`, checked at the moment of writing) and nothing else.
 */
export class MetricsRecorder {
  private timer: NodeJS.Timeout | null = null;
  private lastMinute: number;
  /** Per host, the start of the newest hour rolled up (hosts change hands between instances). */
  private readonly lastHour = new Map<string, number>();
  private working: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly collector: LiveSource,
    private readonly retention: Retention,
    private readonly now: () => number = Date.now,
    private readonly holds: (hostId: string) => boolean = () => true,
  ) {
    // The minute in progress at start is written; earlier ones have no live points here.
    this.lastMinute = floorTo(this.now(), MINUTE_MS) - MINUTE_MS;
  }

  start(): void {
    if (this.timer) return;
    const schedule = () => {
      // Past the minute's end by one interval, so the minute's last sample has landed.
      const next = floorTo(this.now(), MINUTE_MS) + MINUTE_MS + this.collector.intervalMs + 500;
      this.timer = setTimeout(() => {
        this.working = this.working.then(() => this.tick()).catch((err) => log.error(errorFields(err), "metrics: writing rollups failed"));
        schedule();
      }, next - this.now());
      this.timer.unref();
    };
    schedule();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.working;
  }

  /** Writes every finished minute not written yet, then the finished hours, then prunes. */
  async tick(): Promise<void> {
    const current = floorTo(this.now(), MINUTE_MS);
    for (
      let minute = Math.max(this.lastMinute + MINUTE_MS, current - this.collector.liveHistoryMs);
      minute < current;
      minute += MINUTE_MS
    ) {
      // A host at a time, yielding between: 10,000 guests' points summed at once held the server for 0.5-1 s.
      const rows: MetricRow[] = [];
      for (const series of this.collector.liveSeries().filter((s) => this.holds(s.hostId))) {
        rows.push(...hostMinuteRows(this.collector, series, minute));
        await yieldToOthers();
      }
      await writeBucket(this.db, "1m", toMinutes(minute), rows);
      this.lastMinute = minute;
    }
    await this.rollFinishedHours();
  }

  private async rollFinishedHours(): Promise<void> {
    const currentHour = floorTo(this.now(), HOUR_MS);
    const oldestKept = floorTo(this.now() - this.retention.minuteDays * DAY_MS, HOUR_MS);
    const hostIds = this.collector
      .liveSeries()
      .map((s) => s.hostId)
      .filter((id) => this.holds(id));
    for (const id of [...this.lastHour.keys()]) if (!hostIds.includes(id)) this.lastHour.delete(id);
    let rolled = false;
    for (const hostId of hostIds) {
      let last = this.lastHour.get(hostId);
      if (last === undefined) {
        const newest = await this.db.metricPoint.findFirst({
          where: { hostId, resolution: "1h" },
          orderBy: { bucket: "desc" },
          select: { bucket: true },
        });
        last = newest ? Math.max(newest.bucket * MINUTE_MS, oldestKept - HOUR_MS) : currentHour - 2 * HOUR_MS;
      }
      for (let hour = last + HOUR_MS; hour < currentHour; hour += HOUR_MS) {
        if (!this.holds(hostId)) break;
        await rollUpHour(this.db, hour, [hostId]);
        last = hour;
        rolled = true;
      }
      this.lastHour.set(hostId, last);
      await yieldToOthers();
    }
    if (rolled) await pruneOld(this.db, this.now(), this.retention);
  }
}
