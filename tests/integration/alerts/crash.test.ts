// A crash alert from a real guest: a small guest on the real libvirtd whose QEMU process is killed (what
// libvirt reports as a crash: stopped, failed); the console's own event pipeline records it, the rule fires
// naming the guest, and it resolves once the guest runs again.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import type { Actor } from "@/lib/server/auth/session";
import { createAlertRule } from "@/lib/server/alerts/create-rule";
import { evaluateAlerts } from "@/lib/server/alerts/evaluate";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { until } from "../../helpers/until";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let lv: Libvirt;
let hostId: string;
let dom: DomainRef | null = null;
const name = uniqueGuestName("alerts-crash");

/** Each wait polls every 250 ms for up to a minute. */
const slowly = { timeoutMs: 60_000, everyMs: 250 };

/** The same guest each time (one UUID), so its second start is the return of the one that crashed. */
const uuid = randomUUID();
const start = async () => {
  const xml = testGuestXml(name, ensureTestGuestImage(), 128, await resolveVirtType(lv)).replace("<name>", `<uuid>${uuid}</uuid><name>`);
  dom = await lv.domains.createTransient(xml);
};
const events = (kind: string) => db().fleetEvent.count({ where: { kind, name } });

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  // This instance holds the host, as with its lease: its lifecycle events become the recent events.
  hostPool().own(hostId);
  await hostPool().get(hostId);
  lv = await Libvirt.open("qemu:///system");
});

afterAll(async () => {
  if (dom) await lv.domains.destroy(dom).catch(() => undefined);
  await lv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
});

describe("crash alerts", () => {
  it("fire when a guest's QEMU dies and resolve when it runs again", async () => {
    const { id: ruleId } = await createAlertRule(ctxOf(admin), {
      name: "alerts crashed guests",
      kind: "event",
      target: "guest.crashed",
      scope: "host",
      hostId,
      enabled: true,
      webhookUrl: "",
      webhookSecret: "",
    });
    await start();
    await until("the start is recorded", async () => (await events("guest.started")) === 1, slowly);
    const pid = Number(readFileSync(`/run/libvirt/qemu/${name}.pid`, "utf8").trim());
    process.kill(pid, "SIGKILL");
    await until("the crash is recorded", async () => (await events("guest.crashed")) === 1, slowly);

    await until("the alert fires", async () => (await evaluateAlerts(db())).fired === 1, slowly);
    const [alert] = (await listAlerts(ctxOf(admin))).active.filter((a) => a.ruleId === ruleId);
    expect(alert!.message).toBe(`${name} crashed on local`);
    expect(alert).toMatchObject({ hostId, guestUuid: uuid });

    await start();
    await until("the new start is recorded", async () => (await events("guest.started")) === 2, slowly);
    await until("the alert resolves", async () => (await evaluateAlerts(db())).resolved === 1, slowly);
    expect((await listAlerts(ctxOf(admin))).active.filter((a) => a.ruleId === ruleId)).toEqual([]);
  });
});
