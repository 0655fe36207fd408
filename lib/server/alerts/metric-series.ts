import "server-only";
import type { MetricTarget, Sample } from "@/lib/alerts/rules";
import type { Db } from "../db";

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
export function valueOf(target: MetricTarget, row: Row): number | null {
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

export type Series = { hostId: string; guestUuid: string | null; samples: Sample[] };

/**
 * The minute series a metric rule judges, per host (host targets) or per guest, from the stored minute
 * rollups every instance shares (not one instance's live ring), reaching back `sinceMs`.
 */
export async function metricSeries(
  db: Db,
  rule: { target: MetricTarget; hostId: string | null; guestUuid: string | null },
  sinceMs: number,
): Promise<Series[]> {
  const onHost = rule.target.startsWith("host.");
  const rows: Row[] = await db.metricPoint.findMany({
    where: {
      resolution: "1m",
      bucket: { gte: Math.floor(sinceMs / 60_000) },
      ...(rule.hostId ? { hostId: rule.hostId } : {}),
      ...(onHost ? { guestUuid: "" } : rule.guestUuid ? { guestUuid: rule.guestUuid } : { guestUuid: { not: "" } }),
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
    const value = valueOf(rule.target, row);
    if (value === null) continue;
    const key = `${row.hostId}/${row.guestUuid}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { hostId: row.hostId, guestUuid: row.guestUuid || null, samples: [] }));
    s.samples.push({ t: row.bucket * 60_000, value });
  }
  return [...series.values()];
}
