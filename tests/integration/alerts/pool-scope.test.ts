import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { createAlertRule } from "@/lib/server/alerts/create-rule";
import { evaluateAlerts } from "@/lib/server/alerts/evaluate";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { db } from "@/lib/server/db";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";

// A pool-usage rule on one pool, over seeded hourly pool samples (what forecasts/pool-sampler.ts writes):
// it fires for that pool only, judged on the newest hour, and resolves when the pool has room again.

const HOUR = 3_600_000;
const GiB = 1024 ** 3;
let tc: TestConsole;
let admin: Actor;
let hostId: string;
const now = Math.floor(Date.now() / HOUR) * HOUR + 10 * 60_000;

const seed = (pool: string, at: number, usedGiB: number) =>
  db().poolUsagePoint.upsert({
    where: { hostId_pool_bucket: { hostId, pool, bucket: Math.floor(at / HOUR) * 60 } },
    create: { hostId, pool, bucket: Math.floor(at / HOUR) * 60, capacityBytes: 100 * GiB, allocationBytes: usedGiB * GiB },
    update: { allocationBytes: usedGiB * GiB },
  });

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("pools-host", "test:///default");
});
afterAll(async () => tc?.cleanup());

describe("pool usage rules", () => {
  it("fire for the pool they are on, not for another pool of the host, and resolve when it has room", async () => {
    const { id: ruleId } = await createAlertRule(ctxOf(admin), {
      name: "managers images pool",
      kind: "metric",
      target: "pool.usage",
      comparison: "above",
      level: 90,
      durationMinutes: 5,
      scope: "pool",
      hostId,
      pool: "images",
      enabled: true,
      webhookUrl: "",
      webhookSecret: "",
    });
    for (const pool of ["images", "backups"]) {
      await seed(pool, now - HOUR, 50);
      await seed(pool, now, 95);
    }
    expect(await evaluateAlerts(db(), now)).toEqual({ fired: 1, resolved: 0 });
    const mine = (await listAlerts(ctxOf(admin))).active.filter((a) => a.ruleId === ruleId);
    expect(mine.map((a) => [a.subject, a.value, a.message])).toEqual([
      [`pool:${hostId}/images`, 95, "Storage pool use above 90 % for 5 minutes: 95 % on images on pools-host"],
    ]);
    await seed("images", now + HOUR, 40);
    expect(await evaluateAlerts(db(), now + HOUR)).toEqual({ fired: 0, resolved: 1 });
  });
});
