// Forecast and report query benchmark (issue 25). Goal: the dashboard's API under 200 ms with 500 hosts and
// 10,000 guests. Printed, never asserted. A fresh SQLite database (migrated) gets `--hosts` hosts with 30 days
// of hourly averages and two pools each (what forecasts read), and `--guests` guests with `--days` days of
// hourly averages (what right-sizing and usage reports read); then each query runs `--runs` times and the
// median is printed: all forecasts (GET /api/capacity, the dashboard's Capacity card), one host's forecasts
// with their samples (the host page), and every guest's hourly rows over the days (right-sizing, usage).
// Usage: tsx --tsconfig tsconfig.server.json scripts/bench/capacity.ts [--hosts 500] [--guests 10000] [--days 7] [--runs 5]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "../../lib/server/db";
import { forecastCapacity } from "../../lib/server/forecasts/capacity";
import { migrate } from "../../lib/server/migrate";
import { guestHours } from "../../lib/server/reports/guest-hours";
import { rightSizing } from "../../lib/reports/right-sizing";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const HOSTS = arg("hosts", 500);
const GUESTS = arg("guests", 10_000);
const DAYS = arg("days", 7);
const RUNS = arg("runs", 5);
const HOUR = 3_600_000;
const log = (message: string) => console.error(`capacity bench: ${message}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function insertRows(db: Db, table: string, columns: string[], rows: (string | number)[][]): Promise<void> {
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
    await db.$executeRawUnsafe(`INSERT INTO "${table}" (${quoted}) VALUES ${values}`, ...chunk.flat());
  }
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    result = await fn();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "capacity-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrate(url);
  const db = createDb(url);
  try {
    const now = Math.floor(Date.now() / HOUR) * HOUR;
    const hostIds = Array.from({ length: HOSTS }, (_, h) => `bench-${h}`);
    await db.host.createMany({ data: hostIds.map((id) => ({ id, name: id, uri: "test:///default" })) });
    log(`seeding ${HOSTS} hosts × 720 hours and ${2 * HOSTS} pools × 720 hours`);
    for (const [h, hostId] of hostIds.entries()) {
      const hostRows: (string | number)[][] = [];
      const poolRows: (string | number)[][] = [];
      for (let i = 0; i < 720; i++) {
        const bucket = (now - (720 - i) * HOUR) / 60_000;
        hostRows.push([hostId, "", "1h", bucket, 1800, 20 + ((h + i) % 50), 1e6 + i * 100, 4e6]);
        for (const pool of ["default", "images"]) poolRows.push([hostId, pool, bucket, 1e12, 1e11 + i * 1e8]);
      }
      await insertRows(
        db,
        "MetricPoint",
        ["hostId", "guestUuid", "resolution", "bucket", "samples", "cpuPercent", "memUsedKiB", "memTotalKiB"],
        hostRows,
      );
      await insertRows(db, "PoolUsagePoint", ["hostId", "pool", "bucket", "capacityBytes", "allocationBytes"], poolRows);
    }
    const hours = DAYS * 24;
    log(`seeding ${GUESTS} guests × ${hours} hours`);
    for (let g = 0; g < GUESTS; g++) {
      const rows: (string | number)[][] = [];
      const uuid = `00000000-0000-4000-8000-${String(g).padStart(12, "0")}`;
      for (let i = 0; i < hours; i++) {
        const bucket = (now - (hours - i) * HOUR) / 60_000;
        rows.push([hostIds[g % HOSTS]!, uuid, "1h", bucket, 1800, (g % 7) + (i % 3), 5e5, 2e6, 1000, 2000]);
      }
      await insertRows(
        db,
        "MetricPoint",
        ["hostId", "guestUuid", "resolution", "bucket", "samples", "cpuPercent", "memUsedKiB", "memTotalKiB", "diskReadBps", "netRxBps"],
        rows,
      );
    }
    const all = await timed(RUNS, () => forecastCapacity(db, { now }));
    const one = await timed(RUNS, () => forecastCapacity(db, { now, hostIds: [hostIds[0]!], withSamples: true }));
    const read = await timed(Math.min(RUNS, 3), () => guestHours(db, hostIds, now - DAYS * 24 * HOUR, now));
    const judge = await timed(Math.min(RUNS, 3), async () =>
      rightSizing(
        [...read.result.entries()].map(([key, h]) => ({
          guest: { hostId: key.split("/")[0]!, uuid: key.split("/")[1]!, name: key, vcpus: 4, memoryKiB: 4e6 },
          hours: h,
        })),
        now,
      ),
    );
    console.log(`| measure (median of ${RUNS}) | result | goal |`);
    console.log("|---|---|---|");
    console.log(
      `| all forecasts (${all.result.length} hosts and pools, 30 days hourly) | ${all.ms.toFixed(0)} ms | dashboard API under 200 ms |`,
    );
    console.log(`| one host's forecasts with samples (host page) | ${one.ms.toFixed(0)} ms | |`);
    console.log(`| every guest's hourly rows (${GUESTS} guests × ${DAYS} days) | ${read.ms.toFixed(0)} ms | |`);
    console.log(`| right-sizing judgement of those rows (${judge.result.length} listed) | ${judge.ms.toFixed(0)} ms | |`);
    console.log(
      `(load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")})`,
    );
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
