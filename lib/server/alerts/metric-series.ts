import "server-only";
import type { MetricTarget, Sample } from "@/lib/alerts/rules";
import type { Db } from "../db";
import { HOUR_MS } from "../metrics/rollups";

type Row = {
  hostId: string;
  guestUuid: string;
  bucket: number;
  cpuPercent: number | null;
  memUsedKiB: number | null;
  memTotalKiB: number | null;
  diskReadBps: number | null;
  diskWriteBps: number | null;
  netRxBps: number | null;
  netTxBps: number | null;
};

const MiB = 1024 * 1024;
const percent = (part: number | null, whole: number | null) => (part === null || !whole ? null : (part / whole) * 100);
const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

/** A stored minute's value in the target's unit (metricTargets), or null when the minute lacks it. */
export function valueOf(target: Exclude<MetricTarget, "pool.usage">, row: Row): number | null {
  switch (target) {
    case "host.cpu":
    case "guest.cpu":
      return row.cpuPercent;
    case "host.memory":
    case "guest.memory":
      return percent(row.memUsedKiB, row.memTotalKiB);
    case "guest.disk": {
      const bps = sum(row.diskReadBps, row.diskWriteBps);
      return bps === null ? null : bps / MiB;
    }
    case "guest.network": {
      const bps = sum(row.netRxBps, row.netTxBps);
      return bps === null ? null : bps / MiB;
    }
  }
}

/** `stepMs`: how far apart the samples are (a minute; an hour for pools). */
export type Series = { hostId: string; guestUuid: string | null; pool: string | null; stepMs: number; samples: Sample[] };

/**
 * Each pool's use (% of its capacity) per hour, from the hourly pool samples (forecasts/pool-sampler.ts),
 * reaching three hours further back than `sinceMs` so that the newest hour's sample is among them.
 */
async function poolSeries(db: Db, rule: { hostId: string | null; pool?: string | null }, sinceMs: number): Promise<Series[]> {
  const rows = await db.poolUsagePoint.findMany({
    where: {
      bucket: { gte: Math.floor((sinceMs - 3 * HOUR_MS) / 60_000) },
      ...(rule.hostId ? { hostId: rule.hostId } : {}),
      ...(rule.pool ? { pool: rule.pool } : {}),
    },
  });
  const series = new Map<string, Series>();
  for (const row of rows) {
    if (!(row.capacityBytes > 0)) continue;
    const key = `${row.hostId}/${row.pool}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { hostId: row.hostId, guestUuid: null, pool: row.pool, stepMs: HOUR_MS, samples: [] }));
    s.samples.push({ t: row.bucket * 60_000, value: (row.allocationBytes / row.capacityBytes) * 100 });
  }
  return [...series.values()];
}

/**
 * The series a metric rule judges, per host (host targets), per guest or per pool: guests and hosts from
 * the stored minute rollups every instance shares (not one instance's live ring), reaching back `sinceMs`;
 * `guestUuids` narrows guests to those (a tag's guests).
 */
export async function metricSeries(
  db: Db,
  rule: { target: MetricTarget; hostId: string | null; guestUuid: string | null; pool?: string | null; guestUuids?: readonly string[] },
  sinceMs: number,
): Promise<Series[]> {
  const target = rule.target;
  if (target === "pool.usage") return poolSeries(db, rule, sinceMs);
  const guestWhere = rule.guestUuid
    ? { guestUuid: rule.guestUuid }
    : rule.guestUuids
      ? { guestUuid: { in: [...rule.guestUuids] } }
      : { guestUuid: { not: "" } };
  const onHost = rule.target.startsWith("host.");
  const rows: Row[] = await db.metricPoint.findMany({
    where: {
      resolution: "1m",
      bucket: { gte: Math.floor(sinceMs / 60_000) },
      ...(rule.hostId ? { hostId: rule.hostId } : {}),
      ...(onHost ? { guestUuid: "" } : guestWhere),
    },
    select: {
      hostId: true,
      guestUuid: true,
      bucket: true,
      cpuPercent: true,
      memUsedKiB: true,
      memTotalKiB: true,
      diskReadBps: true,
      diskWriteBps: true,
      netRxBps: true,
      netTxBps: true,
    },
  });
  const series = new Map<string, Series>();
  for (const row of rows) {
    const value = valueOf(target, row);
    if (value === null) continue;
    const key = `${row.hostId}/${row.guestUuid}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { hostId: row.hostId, guestUuid: row.guestUuid || null, pool: null, stepMs: 60_000, samples: [] }));
    s.samples.push({ t: row.bucket * 60_000, value });
  }
  return [...series.values()];
}
