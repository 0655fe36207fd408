// Forecasts total their sums with hand-written SQL; the forecast test runs it on SQLite, this on a real
// PostgreSQL server (Debian's, started by the test), with migration 0020's pool table.
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db";
import { forecastCapacity } from "@/lib/server/forecasts/capacity";
import { migrate } from "@/lib/server/migrate";
import { DAY_MS } from "@/lib/reports/forecast";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 5, 8);
const start = NOW - 72 * HOUR;

describe("forecast SQL on PostgreSQL", () => {
  it("fits the seeded host and pool series like SQLite does", async () => {
    const pgBin = postgresBinDir();
    if (!pgBin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
    const pg = await startPostgres(pgBin);
    try {
      await migrate(pg.url);
      const db = createDb(pg.url);
      try {
        await db.host.create({ data: { id: "h1", name: "reports-pg", uri: "test:///default" } });
        for (let i = 0; i < 72; i++) {
          const bucket = (start + i * HOUR) / 60_000;
          await db.metricPoint.create({
            data: {
              hostId: "h1",
              guestUuid: "",
              resolution: "1h",
              bucket,
              samples: 60,
              cpuPercent: 20 + i / 24,
              memUsedKiB: 512,
              memTotalKiB: 1024,
            },
          });
          await db.poolUsagePoint.create({
            data: { hostId: "h1", pool: "p", bucket, capacityBytes: 100e9, allocationBytes: 10e9 + (2e9 * i) / 24 },
          });
        }
        const items = await forecastCapacity(db, { now: NOW });
        const byKind = new Map(items.map((i) => [i.kind, i.forecast]));
        expect(byKind.get("host.cpu")!.fit!.slope).toBeCloseTo(1, 9);
        expect(byKind.get("host.cpu")!.current).toBeCloseTo(20 + 71 / 24, 9);
        expect(byKind.get("host.cpu")!.fullAt! / DAY_MS).toBeCloseTo((start + 80 * DAY_MS) / DAY_MS, 6);
        expect(byKind.get("host.memory")).toMatchObject({ enough: true, fullAt: null, current: 50 });
        expect(byKind.get("pool.space")!.fullAt! / DAY_MS).toBeCloseTo((start + 45 * DAY_MS) / DAY_MS, 6);
        expect(items.find((i) => i.kind === "pool.space")!.pool).toBe("p");
      } finally {
        await db.$disconnect();
      }
    } finally {
      await pg.stop();
    }
  });
});
