import "server-only";
import type { Db } from "../db";

// The stored hourly averages of guests ("1h" MetricPoint rows), as the reports read them.

export type GuestHourRow = {
  hostId: string;
  guestUuid: string;
  /** start of the hour (ms) */
  t: number;
  /** the hour's sample count (how long the guest ran in it: samples × the collector's interval) */
  samples: number;
  cpuPercent: number | null;
  memUsedKiB: number | null;
  memTotalKiB: number | null;
  /** the hour's average vCPUs and memory given; null on rows from before they were kept */
  vcpus: number | null;
  memGivenKiB: number | null;
  diskBytesPerSec: number | null;
  netBytesPerSec: number | null;
};

const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

/** Each guest's hourly rows in [from, to), grouped by "hostId/uuid", oldest first. */
export async function guestHours(db: Db, hostIds: readonly string[], from: number, to: number): Promise<Map<string, GuestHourRow[]>> {
  const rows = await db.metricPoint.findMany({
    where: {
      resolution: "1h",
      hostId: { in: [...hostIds] },
      guestUuid: { not: "" },
      bucket: { gte: Math.ceil(from / 60_000), lt: Math.ceil(to / 60_000) },
    },
    select: {
      hostId: true,
      guestUuid: true,
      bucket: true,
      samples: true,
      cpuPercent: true,
      memUsedKiB: true,
      memTotalKiB: true,
      vcpus: true,
      memGivenKiB: true,
      diskReadBps: true,
      diskWriteBps: true,
      netRxBps: true,
      netTxBps: true,
    },
    orderBy: { bucket: "asc" },
  });
  const out = new Map<string, GuestHourRow[]>();
  for (const r of rows) {
    const key = `${r.hostId}/${r.guestUuid}`;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push({
      hostId: r.hostId,
      guestUuid: r.guestUuid,
      t: r.bucket * 60_000,
      samples: r.samples,
      cpuPercent: r.cpuPercent,
      memUsedKiB: r.memUsedKiB,
      memTotalKiB: r.memTotalKiB,
      vcpus: r.vcpus,
      memGivenKiB: r.memGivenKiB,
      diskBytesPerSec: sum(r.diskReadBps, r.diskWriteBps),
      netBytesPerSec: sum(r.netRxBps, r.netTxBps),
    });
  }
  return out;
}
