// The rollups and history use hand-written SQL; the unit tests run it on SQLite, this runs it on a real
// PostgreSQL server (Debian's, started by the test like the migrations test does).
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db";
import { migrate } from "@/lib/server/migrate";
import { queryHistory } from "@/lib/server/metrics/history";
import {
  HOUR_MS,
  MINUTE_MS,
  insertStatements,
  pruneOld,
  rollUpHour,
  toMinutes,
  writeBucket,
  type MetricRow,
} from "@/lib/server/metrics/rollups";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
const DAY_MS = 24 * HOUR_MS;
const GUEST = "11111111-2222-4333-8444-555555555555";

describe("metrics SQL on PostgreSQL", () => {
  it("writes minutes, rolls up an hour, answers history and prunes", async () => {
    const pgBin = postgresBinDir();
    if (!pgBin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
    const pg = await startPostgres(pgBin);
    try {
      await migrate(pg.url);
      const db = createDb(pg.url);
      try {
        await db.host.create({ data: { id: "h1", name: "h1", uri: "test:///default" } });
        const hour = Math.floor(NOW / HOUR_MS) * HOUR_MS - HOUR_MS;
        const rows: MetricRow[] = Array.from({ length: 60 }, (_, i) => ({
          hostId: "h1",
          guestUuid: GUEST,
          resolution: "1m",
          bucket: toMinutes(hour + i * MINUTE_MS),
          samples: 30,
          cpuPercent: i,
          cpuPercentMax: i + 5,
          netRxBps: i < 30 ? null : 100,
          netRxBpsMax: i < 30 ? null : 900,
        }));
        await writeBucket(db, "1m", rows[0].bucket, [rows[0]]);
        await writeBucket(db, "1m", rows[0].bucket, [rows[0]]);
        await db.$transaction(insertStatements(db, rows.slice(1)));
        expect(await db.metricPoint.count({ where: { resolution: "1m" } })).toBe(60);

        expect(await rollUpHour(db, hour)).toBe(1);
        expect(await rollUpHour(db, hour)).toBe(1);
        const rolled = await db.metricPoint.findFirstOrThrow({ where: { resolution: "1h" } });
        expect(rolled).toMatchObject({
          bucket: toMinutes(hour),
          samples: 1800,
          cpuPercent: 29.5,
          cpuPercentMax: 64,
          netRxBps: 100,
          netRxBpsMax: 900,
          diskReadBps: null,
        });

        const ctx = { db, collector: null, retentionMinuteDays: 7 };
        const day = await queryHistory(ctx, { hostId: "h1", guestUuid: GUEST, range: "24h", now: NOW, series: ["cpuPercent", "netRxBps"] });
        expect([day.resolution, day.stepMs, day.t.length]).toEqual(["1m", 2 * MINUTE_MS, 30]);
        expect([day.avg.cpuPercent![0], day.max.cpuPercent![0], day.avg.netRxBps![0]]).toEqual([0.5, 6, null]);
        const month = await queryHistory(ctx, { hostId: "h1", guestUuid: GUEST, range: "30d", now: NOW, series: ["cpuPercent"] });
        expect([month.resolution, month.t, month.avg.cpuPercent]).toEqual(["1h", [hour], [29.5]]);

        expect(await pruneOld(db, NOW + 8 * DAY_MS, { minuteDays: 7, hourDays: 365 })).toBe(60);
        expect(await db.metricPoint.count()).toBe(1);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await pg.stop();
    }
  });
});
