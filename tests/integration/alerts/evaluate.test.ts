import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedGuestCpu } from "../../helpers/alert-metrics";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";
import { db } from "@/lib/server/db";
import { newId } from "@/lib/server/ids";
import type { Actor } from "@/lib/server/auth/session";
import { createAlertRule } from "@/lib/server/alerts/create-rule";
import { evaluateAlerts } from "@/lib/server/alerts/evaluate";
import { acknowledgeAlert } from "@/lib/server/alerts/acknowledge-alert";
import { silenceAlert } from "@/lib/server/alerts/silence-alert";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { subscribeToRule } from "@/lib/server/alerts/subscribe-rule";

// Alert rules over seeded minute rows and fleet events, evaluated as the scheduled round does: fire,
// stay one alert, resolve; acknowledge and silence; who sees what.

const MIN = 60_000;
const GUEST = "7b0c2a1e-5d1f-4c8e-9a51-0d5b3c2e9f10";
let console: TestConsole;
let admin: Actor;
let hostId: string;
const now = Math.floor(Date.now() / MIN) * MIN;

const seedCpu = (at: number, values: number[]) => seedGuestCpu(db(), { hostId, guestUuid: GUEST }, at, values);

beforeAll(async () => {
  console = await startTestConsole();
  admin = await console.actor();
  hostId = await console.addHost("alerts-host", "test:///default");
});
afterAll(async () => console?.cleanup());

describe("metric rules", () => {
  let ruleId = "";

  it("fire once the level was passed for the whole duration, and only once", async () => {
    ({ id: ruleId } = await createAlertRule(ctxOf(admin), {
      name: "alerts busy guest",
      kind: "metric",
      target: "guest.cpu",
      comparison: "above",
      level: 80,
      durationMinutes: 3,
      scope: "host",
      hostId,
      enabled: true,
      webhookUrl: "",
      webhookSecret: "",
    }));
    await subscribeToRule(ctxOf(admin), { ruleId, email: "ops@example.com" });
    await seedCpu(now - 2 * MIN, [10, 10, 10]);
    await seedCpu(now, [90, 95]);
    expect(await evaluateAlerts(db(), now)).toEqual({ fired: 0, resolved: 0 }); // two minutes of three so far
    await seedCpu(now + MIN, [97]);
    expect(await evaluateAlerts(db(), now + MIN)).toEqual({ fired: 1, resolved: 0 });
    expect(await evaluateAlerts(db(), now + MIN)).toEqual({ fired: 0, resolved: 0 });
    const { active } = await listAlerts(ctxOf(admin));
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ ruleId, hostId, guestUuid: GUEST, status: "firing", value: 97 });
    expect(active[0]!.message).toContain("Guest CPU use above 80 % for 3 minutes: 97 %");
    const sent = await db().alertNotification.findMany({ where: { alertId: active[0]!.id } });
    expect(sent.map((n) => [n.channel, n.recipient, n.transition])).toEqual([["email", "ops@example.com", "fired"]]);
  });

  it("are acknowledged and silenced by someone who sees the guest, and not by others", async () => {
    const [alert] = (await listAlerts(ctxOf(admin))).active;
    const elsewhere = await console.actor([{ role: "viewer", scope: "host", hostId: "another-host", guestUuid: null }]);
    expect((await listAlerts(ctxOf(elsewhere))).active).toEqual([]);
    await expect(acknowledgeAlert(ctxOf(elsewhere), { alertId: alert!.id })).rejects.toThrow("Alert not found");
    await acknowledgeAlert(ctxOf(admin), { alertId: alert!.id });
    const { silencedUntil } = await silenceAlert(ctxOf(admin), { alertId: alert!.id, minutes: 60 });
    const [after] = (await listAlerts(ctxOf(admin))).active;
    expect(after).toMatchObject({ acknowledgedBy: admin.username, silencedUntil });
    expect((await console.auditRows("alert.silence")).map((r) => r.result)).toEqual(["ok"]);
  });

  it("resolve when the value drops, with no notification while silenced", async () => {
    await seedCpu(now + 2 * MIN, [20]);
    expect(await evaluateAlerts(db(), now + 2 * MIN)).toEqual({ fired: 0, resolved: 1 });
    const { active, history } = await listAlerts(ctxOf(admin));
    expect(active).toEqual([]);
    expect(history[0]).toMatchObject({ ruleId, status: "resolved" });
    expect(await db().alertNotification.count({ where: { transition: "resolved" } })).toBe(0);
  });
});

describe("event rules", () => {
  it("fire on a crash in scope and resolve when the guest starts again", async () => {
    const { id: ruleId } = await createAlertRule(ctxOf(admin), {
      name: "alerts crashes",
      kind: "event",
      target: "guest.crashed",
      scope: "global",
      enabled: true,
      webhookUrl: "",
      webhookSecret: "",
    });
    const t = Date.now() + 1_000;
    const event = (kind: string, at: number) =>
      db().fleetEvent.create({ data: { id: newId(), at: new Date(at), kind, hostId, guestUuid: GUEST, name: "alerts-web" } });
    await event("guest.crashed", t);
    expect(await evaluateAlerts(db(), t + 5_000)).toMatchObject({ fired: 1 });
    const [alert] = (await listAlerts(ctxOf(admin))).active.filter((a) => a.ruleId === ruleId);
    expect(alert!.message).toBe("alerts-web crashed on alerts-host");
    await event("guest.started", t + 6_000);
    expect(await evaluateAlerts(db(), t + 10_000)).toMatchObject({ resolved: 1 });
    expect((await listAlerts(ctxOf(admin))).active.filter((a) => a.ruleId === ruleId)).toEqual([]);
  });
});
