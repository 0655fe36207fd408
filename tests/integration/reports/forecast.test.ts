// Capacity forecasts from seeded stored history: a host whose hourly CPU rises exactly 1 % a day and whose
// memory is flat, and a pool filling 2 % a day; the forecast dates match the hand-computed fit, a forecast
// rule fires within its days and not beyond them, and the pool sampler stores the real libvirtd's pools.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { DAY_MS } from "@/lib/reports/forecast";
import { ENGLISH_READER, wordsFor } from "@/lib/server/alerts/alert-words";
import type { Actor } from "@/lib/server/auth/session";
import { createAlertRule } from "@/lib/server/alerts/create-rule";
import { evaluateAlerts } from "@/lib/server/alerts/evaluate";
import { db } from "@/lib/server/db";
import { readCapacity } from "@/lib/server/forecasts/read-capacity";
import { recordPoolUsage } from "@/lib/server/forecasts/pool-sampler";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";

const HOUR = 3_600_000;
/** On the hour, so stored buckets are whole hours. */
const NOW = Math.floor(Date.UTC(2026, 11, 5, 8) / HOUR) * HOUR;
const POINTS = 72;
const start = NOW - POINTS * HOUR;

let tc: TestConsole;
let admin: Actor;
let hostId: string;

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("reports-forecast", "test:///default");
  for (let i = 0; i < POINTS; i++) {
    const bucket = (start + i * HOUR) / 60_000;
    // CPU: 20 % at the start, +1/24 % an hour = 1 % a day. Memory: 50 % throughout.
    await db().metricPoint.create({
      data: { hostId, guestUuid: "", resolution: "1h", bucket, samples: 60, cpuPercent: 20 + i / 24, memUsedKiB: 512, memTotalKiB: 1024 },
    });
    // Pool: 10 GB of 100 GB, +2 GB a day.
    await db().poolUsagePoint.create({
      data: { hostId, pool: "reports-pool", bucket, capacityBytes: 100e9, allocationBytes: 10e9 + (2e9 * i) / 24 },
    });
  }
});

afterAll(async () => {
  await tc?.cleanup();
});

describe("capacity forecasts", () => {
  it("date 100 % and the warning level from the seeded rows", async () => {
    const { items } = await readCapacity(ctxOf(admin), { now: NOW, warningLevel: 85 });
    const byKind = new Map(items.map((i) => [i.kind, i]));
    const cpu = byKind.get("host.cpu")!.forecast;
    expect(cpu.enough).toBe(true);
    expect(cpu.fit!.slope).toBeCloseTo(1, 9);
    // 20 % at `start`, 1 % a day: 85 % 65 days later, 100 % 80 days later.
    expect(cpu.warningAt! / DAY_MS).toBeCloseTo((start + 65 * DAY_MS) / DAY_MS, 6);
    expect(cpu.fullAt! / DAY_MS).toBeCloseTo((start + 80 * DAY_MS) / DAY_MS, 6);
    expect(byKind.get("host.memory")!.forecast).toMatchObject({ enough: true, fullAt: null, warningAt: null });
    const pool = byKind.get("pool.space")!;
    expect(pool.pool).toBe("reports-pool");
    // 10 % at `start`, 2 % a day: 100 % after 45 days.
    expect(pool.forecast.fullAt! / DAY_MS).toBeCloseTo((start + 45 * DAY_MS) / DAY_MS, 6);
    // Soonest first: the pool, then the host's CPU, then the flat memory.
    expect(items.map((i) => i.kind)).toEqual(["pool.space", "host.cpu", "host.memory"]);
  });

  it("fire a forecast rule when the pool fills within its days, and not a rule looking less far", async () => {
    const rule = async (name: string, level: number) =>
      (
        await createAlertRule(ctxOf(admin), {
          name,
          kind: "forecast",
          target: "pool.space.full",
          level,
          enabled: true,
          webhookUrl: "",
          webhookSecret: "",
          scope: "global",
        })
      ).id;
    const near = await rule("reports pool within 60 days", 60);
    const far = await rule("reports pool within 30 days", 30);
    await evaluateAlerts(db(), NOW);
    const alerts = await db().alert.findMany({ where: { status: "firing" } });
    expect(alerts.map((a) => a.ruleId)).toEqual([near]);
    const { message } = await wordsFor(ENGLISH_READER);
    expect(message(alerts[0]!.message)).toContain("reports-pool on reports-forecast is full in 42 days");
    expect(alerts.some((a) => a.ruleId === far)).toBe(false);
  });

  it("store each active pool's space of the real libvirtd", async () => {
    const lv = await Libvirt.open("qemu:///system");
    try {
      const pools = (await lv.storage.listPools()).filter((p) => p.active);
      const written = await recordPoolUsage(db(), hostId, lv, NOW);
      const rows = await db().poolUsagePoint.findMany({ where: { hostId, bucket: NOW / 60_000, pool: { not: "reports-pool" } } });
      expect(rows.length).toBe(written);
      expect(written).toBeLessThanOrEqual(pools.length);
      for (const r of rows) expect(r.allocationBytes).toBeLessThanOrEqual(r.capacityBytes);
    } finally {
      await lv.close();
    }
  });
});
