// Rollups and history over a real SQLite database through Prisma (migrated like the server does it);
// live points come from a small in-memory source instead of the collector.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db";
import { migrate } from "@/lib/server/migrate";
import type { LiveSource } from "@/lib/server/metrics/collector";
import { queryHistory } from "@/lib/server/metrics/history";
import {
  HOUR_MS,
  MINUTE_MS,
  MetricsRecorder,
  insertStatements,
  minuteRows,
  pruneOld,
  rollUpHour,
  summarize,
  toMinutes,
  writeBucket,
  type MetricRow,
} from "@/lib/server/metrics/rollups";
import { GUEST_SERIES, type GuestPoint, type HostPoint } from "@/lib/metrics/series";

const DAY_MS = 24 * HOUR_MS;
const HOST = "host-1";
const GUEST = "11111111-2222-4333-8444-555555555555";
/** 30 s into a minute, so "now" is never on a bucket edge. */
const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);

const guestPointAt = (t: number, cpu: number | null, extra: Partial<GuestPoint> = {}): GuestPoint => ({
  ...(Object.fromEntries(GUEST_SERIES.map((s) => [s, null])) as Omit<GuestPoint, "t">),
  t,
  cpuPercent: cpu,
  memUsedKiB: 1000,
  memTotalKiB: 2000,
  ...extra,
});

/** Live points as the collector would hold them: 2 s apart. */
class FakeLive implements LiveSource {
  readonly intervalMs = 2000;
  readonly liveHistoryMs = HOUR_MS;
  guests = new Map<string, GuestPoint[]>();
  host: HostPoint[] = [];
  liveSeries() {
    return [{ hostId: HOST, guests: [...this.guests.keys()] }];
  }
  guestPoints(hostId: string, uuid: string, from = -Infinity, to = Infinity) {
    return hostId === HOST ? (this.guests.get(uuid) ?? []).filter((p) => p.t >= from && p.t < to) : [];
  }
  hostPoints(hostId: string, from = -Infinity, to = Infinity) {
    return hostId === HOST ? this.host.filter((p) => p.t >= from && p.t < to) : [];
  }
}

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "vc-metrics-"));
  const url = `file:${path.join(dir, "console.db")}`;
  await migrate(url);
  db = createDb(url);
  await db.host.create({ data: { id: HOST, name: "h1", uri: "test:///default" } });
});

afterAll(async () => {
  await db?.$disconnect();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const minute = (t: number) => Math.floor(t / MINUTE_MS) * MINUTE_MS;
const hour = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;

describe("minute rollups", () => {
  it("average and maximum per series, nulls skipped", () => {
    const points = [guestPointAt(0, 10), guestPointAt(2000, null), guestPointAt(4000, 40)];
    const v = summarize(points, ["cpuPercent", "diskReadBps"]);
    expect(v).toEqual({ cpuPercent: 25, cpuPercentMax: 40, diskReadBps: null, diskReadBpsMax: null });
  });

  it("one row per guest and per host for the minute; writing the minute again replaces it", async () => {
    const live = new FakeLive();
    const m = minute(NOW) - 2 * MINUTE_MS;
    live.guests.set(
      GUEST,
      Array.from({ length: 30 }, (_, i) => guestPointAt(m + i * 2000, i < 15 ? 10 : 30, { diskWriteBps: i === 3 ? 5000 : 0 })),
    );
    live.host = Array.from({ length: 30 }, (_, i) => ({ t: m + i * 2000, cpuPercent: 50, memUsedKiB: 100, memTotalKiB: 200 }));
    // Points of the next minute must not leak into this one.
    live.guests.get(GUEST)!.push(guestPointAt(m + MINUTE_MS, 99));
    const rows = minuteRows(live, m);
    expect(rows).toHaveLength(2);
    await writeBucket(db, "1m", toMinutes(m), rows);
    await writeBucket(db, "1m", toMinutes(m), minuteRows(live, m));
    const stored = await db.metricPoint.findMany({ where: { resolution: "1m", bucket: toMinutes(m) }, orderBy: { guestUuid: "asc" } });
    expect(stored).toHaveLength(2);
    const [host, guest] = stored;
    expect(host.guestUuid).toBe("");
    expect([host.cpuPercent, host.memUsedKiB, host.diskWriteBps, host.samples]).toEqual([50, 100, null, 30]);
    expect([guest.cpuPercent, guest.cpuPercentMax, guest.samples]).toEqual([20, 30, 30]);
    expect([guest.diskWriteBps, guest.diskWriteBpsMax]).toEqual([166.67, 5000]);
    await db.metricPoint.deleteMany({});
  });

  it("a host removed during the minute loses its points, the other hosts keep theirs", async () => {
    const live = new FakeLive();
    const m = minute(NOW) - 3 * MINUTE_MS;
    live.host = Array.from({ length: 30 }, (_, i) => ({ t: m + i * 2000, cpuPercent: 50, memUsedKiB: 100, memTotalKiB: 200 }));
    const rows = minuteRows(live, m);
    await writeBucket(db, "1m", toMinutes(m), [...rows, ...rows.map((r) => ({ ...r, hostId: "removed-host" }))]);
    const stored = await db.metricPoint.findMany({ where: { resolution: "1m", bucket: toMinutes(m) } });
    expect(stored.map((r) => r.hostId)).toEqual([HOST]);
    await db.metricPoint.deleteMany({});
  });

  it("a large minute is written a few hosts at a time, every host's rows replaced, with requests answered in between", async () => {
    const m = minute(NOW) - 4 * MINUTE_MS;
    const hosts = Array.from({ length: 6 }, (_, h) => `bulk-host-${h}`);
    for (const id of hosts) await db.host.create({ data: { id, name: id, uri: `test:///${id}` } });
    const rowsOf = (cpu: number, guests: number): MetricRow[] =>
      hosts.flatMap((hostId) =>
        Array.from({ length: guests }, (_, g) => ({
          hostId,
          guestUuid: `00000000-0000-4000-8000-${String(g).padStart(12, "0")}`,
          resolution: "1m" as const,
          bucket: toMinutes(m),
          samples: 30,
          cpuPercent: cpu,
        })),
      );
    await writeBucket(db, "1m", toMinutes(m), rowsOf(10, 80));
    // A timer due at once fires while the 480 rows are written, not after them all.
    let answered = false;
    const timer = setTimeout(() => (answered = true), 0);
    const writing = writeBucket(db, "1m", toMinutes(m), rowsOf(20, 70));
    await new Promise((resolve) => setTimeout(resolve, 1));
    const midway = await db.metricPoint.count({ where: { bucket: toMinutes(m), cpuPercent: 10 } });
    await writing;
    clearTimeout(timer);
    expect(answered).toBe(true);
    expect(midway).toBeGreaterThan(0);
    // Each host's rows replaced whole: the ten guests no longer reported are gone, everything else has the new value.
    const stored = await db.metricPoint.groupBy({ by: ["hostId", "cpuPercent"], where: { bucket: toMinutes(m) }, _count: true });
    expect(stored.map((r) => [r.hostId, r.cpuPercent, r._count]).sort()).toEqual(hosts.map((h) => [h, 20, 70]).sort());
    await db.metricPoint.deleteMany({});
    await db.host.deleteMany({ where: { id: { in: hosts } } });
  });

  it("the recorder writes each finished minute once and rolls the finished hour", async () => {
    let now = hour(NOW) - 2 * MINUTE_MS + 5000;
    const live = new FakeLive();
    const start = minute(now);
    live.guests.set(
      GUEST,
      Array.from({ length: 90 }, (_, i) => guestPointAt(start + i * 2000, i % 2 ? 20 : 40)),
    );
    const recorder = new MetricsRecorder(db, live, { minuteDays: 7, hourDays: 365 }, () => now);
    now += 3 * MINUTE_MS; // two minutes of the previous hour and one of the new hour have ended
    await recorder.tick();
    await recorder.tick();
    const minutes = await db.metricPoint.findMany({ where: { resolution: "1m" }, orderBy: { bucket: "asc" } });
    expect(minutes.map((r) => r.bucket * MINUTE_MS)).toEqual([start, start + MINUTE_MS, start + 2 * MINUTE_MS]);
    expect(minutes.map((r) => r.samples)).toEqual([30, 30, 30]);
    const hours = await db.metricPoint.findMany({ where: { resolution: "1h" } });
    expect(hours).toHaveLength(1);
    expect(hours[0].bucket * MINUTE_MS).toBe(hour(NOW) - HOUR_MS);
    expect([hours[0].cpuPercent, hours[0].cpuPercentMax, hours[0].samples]).toEqual([30, 40, 60]);
    await recorder.stop();
    await db.metricPoint.deleteMany({});
  });
});

describe("hour rollups and retention", () => {
  it("an hour's rollup is the mean of its minute averages, the largest maximum and all samples; re-running replaces it", async () => {
    const h = hour(NOW) - 3 * HOUR_MS;
    await db.metricPoint.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        hostId: HOST,
        guestUuid: GUEST,
        resolution: "1m",
        bucket: toMinutes(h + i * MINUTE_MS),
        samples: 30,
        cpuPercent: i,
        cpuPercentMax: i + 5,
        netRxBps: i < 30 ? null : 100,
        netRxBpsMax: i < 30 ? null : 900,
      })),
    });
    // A minute of the next hour stays out.
    await db.metricPoint.create({
      data: { hostId: HOST, guestUuid: GUEST, resolution: "1m", bucket: toMinutes(h + HOUR_MS), samples: 30, cpuPercent: 1000 },
    });
    expect(await rollUpHour(db, h)).toBe(1);
    expect(await rollUpHour(db, h)).toBe(1);
    const rows = await db.metricPoint.findMany({ where: { resolution: "1h" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      bucket: toMinutes(h),
      samples: 1800,
      cpuPercent: 29.5,
      cpuPercentMax: 64,
      netRxBps: 100,
      netRxBpsMax: 900,
      diskReadBps: null,
    });
    await db.metricPoint.deleteMany({});
  });

  it("prunes 1-minute rows after 7 days and 1-hour rows after a year by default", async () => {
    const at = (ms: number, resolution: string) => ({
      hostId: HOST,
      guestUuid: GUEST,
      resolution,
      bucket: toMinutes(NOW - ms),
      samples: 1,
    });
    await db.metricPoint.createMany({
      data: [at(6 * DAY_MS, "1m"), at(8 * DAY_MS, "1m"), at(300 * DAY_MS, "1h"), at(366 * DAY_MS, "1h"), at(8 * DAY_MS, "1h")],
    });
    expect(await pruneOld(db, NOW, { minuteDays: 7, hourDays: 365 })).toBe(2);
    const left = await db.metricPoint.findMany({ orderBy: { bucket: "asc" } });
    expect(left.map((r) => [r.resolution, Math.round((NOW - r.bucket * MINUTE_MS) / DAY_MS)])).toEqual([
      ["1h", 300],
      ["1h", 8],
      ["1m", 6],
    ]);
    await db.metricPoint.deleteMany({});
  });
});

describe("history", () => {
  const live = new FakeLive();
  const lastMinute = minute(NOW) - MINUTE_MS; // the newest minute in the database
  const cpuAt = (t: number) => (t / MINUTE_MS) % 50;

  // About 31,000 rows of every series (vCPUs and memory given too): past the default 10 s hook time on a loaded machine.
  beforeAll(async () => {
    const rows: MetricRow[] = [];
    for (let t = lastMinute - 8 * DAY_MS; t <= lastMinute; t += MINUTE_MS) {
      rows.push({
        hostId: HOST,
        guestUuid: GUEST,
        resolution: "1m",
        bucket: toMinutes(t),
        samples: 30,
        cpuPercent: cpuAt(t),
        cpuPercentMax: cpuAt(t) + 10,
        memUsedKiB: 1000,
      });
    }
    for (let t = hour(NOW) - 400 * DAY_MS; t < hour(NOW); t += HOUR_MS) {
      rows.push({
        hostId: HOST,
        guestUuid: GUEST,
        resolution: "1h",
        bucket: toMinutes(t),
        samples: 1800,
        cpuPercent: 7,
        cpuPercentMax: 70,
      });
      rows.push({
        hostId: HOST,
        guestUuid: "",
        resolution: "1h",
        bucket: toMinutes(t),
        samples: 1800,
        cpuPercent: 3,
        cpuPercentMax: 30,
        memUsedKiB: 5,
        memTotalKiB: 10,
      });
    }
    await db.$transaction(insertStatements(db, rows));
    // The last hour live, 2 s apart, with the minute in progress not yet in the database.
    live.guests.set(
      GUEST,
      Array.from({ length: 1800 }, (_, i) => guestPointAt(NOW - HOUR_MS + i * 2000 + 1000, 60)),
    );
    live.host = Array.from({ length: 1800 }, (_, i) => ({
      t: NOW - HOUR_MS + i * 2000 + 1000,
      cpuPercent: 10,
      memUsedKiB: 5,
      memTotalKiB: 10,
    }));
  }, 60_000);

  const ctx = () => ({ db, collector: live, retentionMinuteDays: 7 });

  it("the last hour comes from the live points, merged to fit 1,000 points", async () => {
    const r = await queryHistory(ctx(), { hostId: HOST, guestUuid: GUEST, range: "1h", now: NOW, series: ["cpuPercent"] });
    expect(r.resolution).toBe("raw");
    expect(r.stepMs).toBe(4000);
    expect(r.t.length).toBeLessThanOrEqual(1001);
    expect(r.t.length).toBeGreaterThan(850);
    expect(new Set(r.avg.cpuPercent)).toEqual(new Set([60]));
  });

  it("24 hours: 1-minute rows two at a time, the minute in progress from the live points", async () => {
    const r = await queryHistory(ctx(), { hostId: HOST, guestUuid: GUEST, range: "24h", now: NOW, series: ["cpuPercent", "memUsedKiB"] });
    expect(r.resolution).toBe("1m");
    expect(r.stepMs).toBe(2 * MINUTE_MS);
    expect(r.t.length).toBeLessThanOrEqual(721);
    const i = r.t.findIndex((t) => cpuAt(t) === 10);
    expect(r.avg.cpuPercent![i]).toBe(10.5);
    expect(r.max.cpuPercent![i]).toBe(21);
    // The newest bucket holds the live points of the current minute.
    expect(r.t.at(-1)).toBe(Math.floor(NOW / (2 * MINUTE_MS)) * 2 * MINUTE_MS);
    expect(r.avg.cpuPercent!.at(-1)).not.toBeNull();
    expect(Object.keys(r.avg)).toEqual(["cpuPercent", "memUsedKiB"]);
  });

  it("7 days still from 1-minute rows, within 1,000 points", async () => {
    const r = await queryHistory(ctx(), { hostId: HOST, guestUuid: GUEST, range: "7d", now: NOW, series: ["cpuPercent"] });
    expect(r.resolution).toBe("1m");
    expect(r.stepMs).toBe(11 * MINUTE_MS);
    expect(r.t.length).toBeLessThanOrEqual(1001);
    expect(r.t.length).toBeGreaterThan(900);
  });

  it("answers 30 days and a year from 1-hour rows, a year in 9-hour steps of at most 1,000 points", async () => {
    const month = await queryHistory(ctx(), { hostId: HOST, guestUuid: GUEST, range: "30d", now: NOW, series: ["cpuPercent"] });
    expect([month.resolution, month.stepMs]).toEqual(["1h", HOUR_MS]);
    expect(month.t.length).toBeGreaterThanOrEqual(720);
    expect(month.t.length).toBeLessThanOrEqual(722);
    expect(month.avg.cpuPercent![10]).toBe(7);
    expect(month.max.cpuPercent![10]).toBe(70);
    const year = await queryHistory(ctx(), { hostId: HOST, guestUuid: GUEST, range: "1y", now: NOW });
    expect([year.resolution, year.stepMs]).toEqual(["1h", 9 * HOUR_MS]);
    expect(year.t.length).toBeLessThanOrEqual(1000);
    expect(year.t.length).toBeGreaterThan(960);
  });

  it("a server up only a few minutes: the live hour's older part comes from 1-minute rows", async () => {
    const young = new FakeLive();
    young.guests.set(
      GUEST,
      live.guests.get(GUEST)!.filter((p) => p.t >= NOW - 5 * MINUTE_MS),
    );
    const r = await queryHistory(
      { db, collector: young, retentionMinuteDays: 7 },
      { hostId: HOST, guestUuid: GUEST, range: "1h", now: NOW, series: ["cpuPercent"] },
    );
    expect(r.resolution).toBe("raw");
    // About 55 minute rows, then 5 minutes of live points merged 2 at a time.
    expect(r.t.length).toBeGreaterThan(50 + 60);
    expect(r.t[0]).toBeLessThan(NOW - 50 * MINUTE_MS);
    expect(r.avg.cpuPercent!.at(-1)).toBe(60);
    expect(r.avg.cpuPercent![0]).toBe(cpuAt(r.t[0]));
  });

  it("a long range on a young database (no 1-hour rows yet) is drawn from the 1-minute rows", async () => {
    const other = "99999999-2222-4333-8444-555555555555";
    const rows: MetricRow[] = [];
    for (let t = minute(NOW) - 3 * DAY_MS; t < minute(NOW); t += MINUTE_MS)
      rows.push({ hostId: HOST, guestUuid: other, resolution: "1m", bucket: toMinutes(t), samples: 30, cpuPercent: 5, cpuPercentMax: 9 });
    await db.$transaction(insertStatements(db, rows));
    const r = await queryHistory(
      { db, collector: null, retentionMinuteDays: 7 },
      { hostId: HOST, guestUuid: other, range: "30d", now: NOW, series: ["cpuPercent"] },
    );
    expect([r.resolution, r.stepMs]).toEqual(["1h", HOUR_MS]);
    expect(r.t.length).toBeGreaterThanOrEqual(72);
    expect(r.t.length).toBeLessThanOrEqual(73);
    expect(new Set(r.avg.cpuPercent)).toEqual(new Set([5]));
    expect(Math.max(...r.max.cpuPercent!.map(Number))).toBe(9);
  });

  it("a custom range: 1-minute rows while kept, 1-hour rows before that; the host's own series", async () => {
    const recent = await queryHistory(ctx(), {
      hostId: HOST,
      guestUuid: GUEST,
      range: { from: NOW - 2 * DAY_MS, to: NOW - 2 * DAY_MS + 3 * HOUR_MS },
      now: NOW,
      series: ["cpuPercent"],
    });
    expect([recent.resolution, recent.stepMs, recent.t.length]).toEqual(["1m", MINUTE_MS, 180]);
    const old = await queryHistory(ctx(), {
      hostId: HOST,
      guestUuid: GUEST,
      range: { from: NOW - 10 * DAY_MS, to: NOW - 8 * DAY_MS },
      now: NOW,
      series: ["cpuPercent"],
    });
    expect([old.resolution, old.stepMs]).toEqual(["1h", HOUR_MS]);
    expect(old.t.length).toBeGreaterThanOrEqual(47);
    const host = await queryHistory(ctx(), { hostId: HOST, range: "30d", now: NOW });
    expect(Object.keys(host.avg)).toEqual(["cpuPercent", "memUsedKiB", "memTotalKiB"]);
    expect(host.avg.cpuPercent![0]).toBe(3);
    await expect(queryHistory(ctx(), { hostId: HOST, range: { from: NOW, to: NOW - 1 } })).rejects.toThrow(/after/);
  });
});
