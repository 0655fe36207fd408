// vCPU-hours from the history: minute rows as the collector writes them (vCPUs and memory given in each),
// rolled into hours by the database like the recorder does, read as the usage report reads them, over a
// period where the guest's vCPUs changed mid-hour, plus an hour written before the history kept vCPUs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageReport, type UsageGuest } from "@/lib/reports/usage";
import { createDb, type Db } from "@/lib/server/db";
import { HOUR_MS, insertStatements, MINUTE_MS, rollUpHour, toMinutes, type MetricRow } from "@/lib/server/metrics/rollups";
import { migrate } from "@/lib/server/migrate";
import { guestHours } from "@/lib/server/reports/guest-hours";

const HOST = "host-1";
const GUEST = "11111111-2222-4333-8444-555555555555";
const GiB_KiB = 1024 * 1024;
const START = Date.UTC(2026, 10, 2, 0, 0, 0);
/** A 10 s collector: 6 samples a minute, 360 an hour. */
const SAMPLES_PER_MINUTE = 6;

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "vc-usage-"));
  const url = `file:${path.join(dir, "console.db")}`;
  await migrate(url);
  db = createDb(url);
  await db.host.create({ data: { id: HOST, name: "alpha", uri: "test:///default" } });
});

afterAll(async () => {
  await db?.$disconnect();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The minute rows of one hour, each minute's vCPUs and memory given from the functions. */
function minutesOf(hour: number, vcpus: (m: number) => number, givenGiB: (m: number) => number): MetricRow[] {
  return Array.from({ length: 60 }, (_, m) => ({
    hostId: HOST,
    guestUuid: GUEST,
    resolution: "1m" as const,
    bucket: toMinutes(hour + m * MINUTE_MS),
    samples: SAMPLES_PER_MINUTE,
    cpuPercent: 10,
    vcpus: vcpus(m),
    vcpusMax: vcpus(m),
    memGivenKiB: givenGiB(m) * GiB_KiB,
    memGivenKiBMax: givenGiB(m) * GiB_KiB,
  }));
}

describe("usage from the vCPU history", () => {
  it("counts each hour's vCPUs and memory as they were, and the current size for hours from before", async () => {
    const [h0, h1, h2] = [START, START + HOUR_MS, START + 2 * HOUR_MS];
    // Hour 0: 2 vCPUs for 30 minutes, then 4 (hot-plugged); 2 GiB. Hour 1: 4 vCPUs, 4 GiB for 15 minutes then 6.
    const rows = [
      ...minutesOf(
        h0,
        (m) => (m < 30 ? 2 : 4),
        () => 2,
      ),
      ...minutesOf(
        h1,
        () => 4,
        (m) => (m < 15 ? 4 : 6),
      ),
    ];
    await db.$transaction(insertStatements(db, rows));
    expect(await rollUpHour(db, h0)).toBe(1);
    expect(await rollUpHour(db, h1)).toBe(1);
    // Hour 2: an hourly row from before the history kept vCPUs (no vCPUs, no memory given), 30 minutes run.
    await db.metricPoint.create({
      data: { hostId: HOST, guestUuid: GUEST, resolution: "1h", bucket: toMinutes(h2), samples: 180, cpuPercent: 10 },
    });

    const hours = (await guestHours(db, [HOST], START, START + 3 * HOUR_MS)).get(`${HOST}/${GUEST}`) ?? [];
    expect(hours.map((h) => [h.vcpus, h.memGivenKiB])).toEqual([
      [3, 2 * GiB_KiB],
      [4, 5.5 * GiB_KiB],
      [null, null],
    ]);
    // The guest now: 8 vCPUs, 8 GiB.
    const guest: UsageGuest = {
      hostId: HOST,
      hostName: "alpha",
      uuid: GUEST,
      name: "web",
      tags: [],
      owner: "ann",
      vcpus: 8,
      memoryKiB: 8 * GiB_KiB,
      diskBytes: null,
    };
    const report = usageReport({ from: START, to: START + 3 * HOUR_MS, groupBy: "guest", samplesPerHour: 360 }, [{ guest, hours }]);
    // By hand: hour 0 = 30 min × 2 + 30 min × 4 = 3 vCPU-hours; hour 1 = 4; hour 2 = half an hour × 8 (now) = 4.
    // Memory: 2 GiB-hours + (0.25 × 4 + 0.75 × 6 = 5.5) + 0.5 × 8 = 11.5 GiB-hours. With today's size alone it would be 20 and 20.
    expect(report.total).toMatchObject({ hours: 2.5, vcpuHours: 11, memoryGiBHours: 11.5 });
  });
});
