// The dashboard's fleet forecasts: stored by the hourly job with how long working them out took; read from the
// store when that was slower than the API's goal (a large fleet), worked out afresh when it was quick (a small
// fleet, so new hourly rows show at once) or when the store is stale.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WARNING_LEVEL } from "@/lib/reports/forecast";
import { createDb, type Db } from "@/lib/server/db";
import { fleetForecasts, storeFleetForecasts, WORK_OUT_ON_READ_UNDER_MS } from "@/lib/server/forecasts/fleet-forecasts";
import { migrate } from "@/lib/server/migrate";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12, 30);
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "vc-fleet-forecasts-"));
  const url = `file:${path.join(dir, "console.db")}`;
  await migrate(url);
  db = createDb(url);
  await db.host.create({ data: { id: "h1", name: "alpha", uri: "test:///default" } });
  const start = Math.floor(NOW / HOUR) * HOUR - 48 * HOUR;
  await db.metricPoint.createMany({
    data: Array.from({ length: 48 }, (_, i) => ({
      hostId: "h1",
      resolution: "1h",
      bucket: (start + i * HOUR) / 60_000,
      samples: 360,
      cpuPercent: 40 + i / 2,
      memUsedKiB: 100,
      memTotalKiB: 1000,
    })),
  });
});

afterAll(async () => {
  await db?.$disconnect();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("fleet forecasts", () => {
  it("are stored with the time they took, read from the store only when that was slow and recent", async () => {
    const stored = await storeFleetForecasts(db, NOW);
    expect(stored.items).toBe(2); // alpha's CPU and memory
    const row = await db.fleetForecast.findUniqueOrThrow({ where: { warningLevel: DEFAULT_WARNING_LEVEL } });
    expect(
      JSON.parse(row.items)
        .map((i: { kind: string }) => i.kind)
        .sort(),
    ).toEqual(["host.cpu", "host.memory"]);

    // A marker in the store shows which answer came back.
    const marker = JSON.stringify([{ kind: "host.cpu", hostId: "stored" }]);
    await db.fleetForecast.update({
      where: { warningLevel: DEFAULT_WARNING_LEVEL },
      data: { items: marker, tookMs: WORK_OUT_ON_READ_UNDER_MS + 1 },
    });
    expect((await fleetForecasts(DEFAULT_WARNING_LEVEL, NOW + 60_000, db)).map((i) => i.hostId)).toEqual(["stored"]);
    // Stale (the job missed two hours): worked out afresh.
    expect((await fleetForecasts(DEFAULT_WARNING_LEVEL, NOW + 3 * HOUR, db)).map((i) => i.hostId)).toEqual(["h1", "h1"]);
    // Quick to work out: afresh on every read.
    await db.fleetForecast.update({ where: { warningLevel: DEFAULT_WARNING_LEVEL }, data: { tookMs: 5 } });
    expect((await fleetForecasts(DEFAULT_WARNING_LEVEL, NOW + 2 * 60_000, db)).map((i) => i.hostId)).toEqual(["h1", "h1"]);
  });
});
