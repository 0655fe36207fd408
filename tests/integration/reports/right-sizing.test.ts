// Right-sizing through the server verb: libvirt's test driver (test:///default) supplies a guest with its
// vCPUs and memory; a month of seeded hourly rows makes it oversized, and the verb lists it with what could
// be reclaimed, only to people who may see its metrics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { listGuests } from "@/lib/server/guests/list-guests";
import { readRightSizing } from "@/lib/server/reports/right-sizing";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";

const HOUR = 3_600_000;
const NOW = Math.floor(Date.now() / HOUR) * HOUR;

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let guest: { uuid: string; name: string; vcpus: number; memoryKiB: number };

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("reports-rightsizing", "test:///default");
  // The guest as the console lists it (what it is given now).
  guest = (await listGuests(ctxOf(admin))).guests.find((g) => g.hostId === hostId)!;
  // 30 days: CPU 3 % of its vCPUs, a tenth of its memory in use, some traffic (not idle).
  for (let i = 0; i < 720; i++) {
    await db().metricPoint.create({
      data: {
        hostId,
        guestUuid: guest.uuid,
        resolution: "1h",
        bucket: (NOW - (720 - i) * HOUR) / 60_000,
        samples: 360,
        cpuPercent: 3,
        memUsedKiB: guest.memoryKiB / 10,
        memTotalKiB: guest.memoryKiB,
        netRxBps: 1e6,
      },
    });
  }
});

afterAll(async () => {
  await hostPool().closeAll();
  await tc?.cleanup();
});

describe("right-sizing", () => {
  it("lists the oversized guest with what could be reclaimed", async () => {
    const report = await readRightSizing(ctxOf(admin), { now: NOW });
    const row = report.rows.find((r) => r.uuid === guest.uuid)!;
    expect(row).toBeDefined();
    expect(row.cpuP95).toBeCloseTo(3, 10);
    expect(row.memoryP95).toBeCloseTo(10, 10);
    expect(row.idle).toBe(false);
    expect(row.vcpus).toBe(guest.vcpus);
    expect(row.reclaimMemoryKiB).toBe(guest.memoryKiB - row.suggestedMemoryKiB);
    expect(row.reclaimMemoryKiB).toBeGreaterThan(0);
  });

  it("shows nothing to someone who may not see the guest's metrics", async () => {
    const helpdesk = await tc.actor([{ role: "helpdesk", scope: "global", hostId: null, guestUuid: null }]);
    expect((await readRightSizing(ctxOf(helpdesk), { now: NOW })).rows).toEqual([]);
  });
});
