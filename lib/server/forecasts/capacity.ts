import "server-only";
import { Prisma } from "@/generated/prisma-sqlite/client";
import { bySoonest, capacityKindNames, type CapacityItem, type CapacityKind } from "@/lib/reports/capacity-types";
import {
  DAY_MS,
  DEFAULT_WARNING_LEVEL,
  FORECAST_WINDOW_DAYS,
  forecastFromSums,
  sumsOf,
  type FitSums,
  type UsageSample,
} from "@/lib/reports/forecast";
import type { Db } from "../db";

// Capacity forecasts from stored history: each host's hourly CPU and memory use (MetricPoint "1h" rows)
// and each pool's hourly space (PoolUsagePoint) over the last FORECAST_WINDOW_DAYS, fitted with a line.

const HOUR_MS = 3_600_000;

export interface ForecastOptions {
  now: number;
  warningLevel?: number;
  /** only these hosts (all when omitted) */
  hostIds?: readonly string[];
  /** which kinds (all when omitted) */
  kinds?: readonly CapacityKind[];
  /** with each forecast's hourly samples (for a chart); reads every row, so for one host at a time */
  withSamples?: boolean;
}

/** Per kind: the table, the value in percent (SQL), and what else identifies a series. */
const SOURCES: Record<CapacityKind, { table: string; value: string; where: string; pool: string }> = {
  "host.cpu": { table: "MetricPoint", value: `"cpuPercent"`, where: `"resolution" = '1h' AND "guestUuid" = ''`, pool: `''` },
  "host.memory": {
    table: "MetricPoint",
    value: `CASE WHEN "memTotalKiB" > 0 THEN 100.0 * "memUsedKiB" / "memTotalKiB" END`,
    where: `"resolution" = '1h' AND "guestUuid" = ''`,
    pool: `''`,
  },
  "pool.space": { table: "PoolUsagePoint", value: `100.0 * "allocationBytes" / "capacityBytes"`, where: `1 = 1`, pool: `"pool"` },
};

type Series = { kind: CapacityKind; hostId: string; pool: string; sums: FitSums; current: number | null; samples?: UsageSample[] };
type Num = number | bigint | string | null | { toString(): string };
const num = (v: Num): number => (v === null ? 0 : Number(typeof v === "object" ? v.toString() : v));

/**
 * Each series' least-squares sums and newest value, totalled by the database (SQLite and PostgreSQL alike),
 * so a fleet's forecasts read one row per host or pool instead of 720. x is in days since `since`.
 */
async function seriesSums(db: Db, kind: CapacityKind, since: number, hostIds: readonly string[] | undefined): Promise<Series[]> {
  const src = SOURCES[kind];
  // Ours, never input: inlined, as PostgreSQL cannot type a bound parameter in a SELECT list.
  const sinceMin = Prisma.raw(String(since / 60_000));
  const onlyHosts = hostIds ? Prisma.sql`AND "hostId" IN (${Prisma.join([...hostIds, ""])})` : Prisma.empty;
  const [table, value, where, pool] = [`"${src.table}"`, src.value, src.where, src.pool].map((x) => Prisma.raw(x));
  const rows = await db.$queryRaw<Array<Record<string, Num>>>`
    SELECT "hostId", "pool", COUNT(*) AS "n", SUM("x") AS "sx", SUM("v") AS "sy", SUM("x" * "x") AS "sxx",
      SUM("x" * "v") AS "sxy", SUM("v" * "v") AS "syy", MAX("bucket") AS "newest"
    FROM (SELECT "hostId", ${pool} AS "pool", "bucket", ("bucket" - ${sinceMin}) / 1440.0 AS "x", ${value} AS "v"
          FROM ${table} WHERE ${where} AND "bucket" >= ${sinceMin} ${onlyHosts}) AS "s"
    WHERE "v" IS NOT NULL GROUP BY "hostId", "pool"`;
  // PostgreSQL refuses a constant in GROUP BY: hosts group by host alone.
  const hasPool = src.pool !== "''";
  const samePool = Prisma.raw(hasPool ? `AND "n"."pool" = "p"."pool"` : "");
  const groupPool = Prisma.raw(hasPool ? `, "pool"` : "");
  const newest = await db.$queryRaw<Array<Record<string, Num>>>`
    SELECT "p"."hostId", "n"."pool", ${value} AS "v" FROM ${table} AS "p"
    JOIN (SELECT "hostId", ${pool} AS "pool", MAX("bucket") AS "b" FROM ${table}
          WHERE ${where} AND "bucket" >= ${sinceMin} ${onlyHosts} GROUP BY "hostId"${groupPool}) AS "n"
      ON "n"."hostId" = "p"."hostId" AND "n"."b" = "p"."bucket" ${samePool}
    WHERE ${where}`;
  const current = new Map(newest.map((r) => [`${String(r.hostId)} ${String(r.pool)}`, r.v === null ? null : num(r.v)]));
  return rows.map((r) => ({
    kind,
    hostId: String(r.hostId),
    pool: String(r.pool),
    sums: { origin: since, n: num(r.n), sx: num(r.sx), sy: num(r.sy), sxx: num(r.sxx), sxy: num(r.sxy), syy: num(r.syy) },
    current: current.get(`${String(r.hostId)} ${String(r.pool)}`) ?? null,
  }));
}

const percent = (part: number | null, whole: number | null) => (part === null || !whole ? null : (part / whole) * 100);

/** Each series' hourly samples (the chart's points), and sums made from them. */
async function seriesSamples(db: Db, kind: CapacityKind, since: number, hostIds: readonly string[] | undefined): Promise<Series[]> {
  const sinceMin = since / 60_000;
  const hostWhere = hostIds ? { hostId: { in: [...hostIds] } } : {};
  const samples: { hostId: string; pool: string; t: number; value: number | null }[] =
    kind === "pool.space"
      ? (await db.poolUsagePoint.findMany({ where: { bucket: { gte: sinceMin }, ...hostWhere }, orderBy: { bucket: "asc" } })).map((r) => ({
          hostId: r.hostId,
          pool: r.pool,
          t: r.bucket * 60_000,
          value: percent(r.allocationBytes, r.capacityBytes),
        }))
      : (
          await db.metricPoint.findMany({
            where: { resolution: "1h", guestUuid: "", bucket: { gte: sinceMin }, ...hostWhere },
            select: { hostId: true, bucket: true, cpuPercent: true, memUsedKiB: true, memTotalKiB: true },
            orderBy: { bucket: "asc" },
          })
        ).map((r) => ({
          hostId: r.hostId,
          pool: "",
          t: r.bucket * 60_000,
          value: kind === "host.cpu" ? r.cpuPercent : percent(r.memUsedKiB, r.memTotalKiB),
        }));
  const series = new Map<string, Series & { samples: UsageSample[] }>();
  for (const p of samples) {
    if (p.value === null) continue;
    const key = `${p.hostId} ${p.pool}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { kind, hostId: p.hostId, pool: p.pool, sums: sumsOf([], since), current: null, samples: [] }));
    s.samples.push({ t: p.t, value: p.value });
  }
  return [...series.values()].map((s) => ({ ...s, sums: sumsOf(s.samples, since), current: s.samples.at(-1)?.value ?? null }));
}

/** Every host's and pool's forecast in the options' reach, soonest to fill first. */
export async function forecastCapacity(db: Db, options: ForecastOptions): Promise<CapacityItem[]> {
  const { now, warningLevel = DEFAULT_WARNING_LEVEL, hostIds, kinds = capacityKindNames, withSamples = false } = options;
  const since = Math.floor((now - FORECAST_WINDOW_DAYS * DAY_MS) / HOUR_MS) * HOUR_MS;
  const names = new Map(
    (await db.host.findMany({ where: hostIds ? { id: { in: [...hostIds] } } : {}, select: { id: true, name: true } })).map((h) => [
      h.id,
      h.name,
    ]),
  );
  const read = withSamples ? seriesSamples : seriesSums;
  const series = (await Promise.all(kinds.map((k) => read(db, k, since, hostIds)))).flat();
  return series
    .filter((s) => names.has(s.hostId))
    .map((s) => ({
      kind: s.kind,
      hostId: s.hostId,
      hostName: names.get(s.hostId)!,
      pool: s.pool,
      forecast: forecastFromSums(s.sums, s.current, now, warningLevel),
      ...(s.samples ? { samples: s.samples } : {}),
    }))
    .sort(bySoonest);
}
