// A rule on a tag covers the guests that have the tag when it is judged, also those tagged after the rule
// was made: two small guests on the real libvirtd, one tagged (through the console's own verb) after the
// rule exists; both QEMU processes are killed; only the tagged guest's crash fires the rule.
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
import { setGuestTags } from "@/lib/server/tags/set-guest-tags";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { until } from "../../helpers/until";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let lv: Libvirt;
let hostId: string;
const doms: DomainRef[] = [];
const TAG = "managers-web";

/** Each wait polls every 250 ms for up to a minute. */
const slowly = { timeoutMs: 60_000, everyMs: 250 };

const guests = [
  { name: uniqueGuestName("managers-tagged"), uuid: randomUUID() },
  { name: uniqueGuestName("managers-untagged"), uuid: randomUUID() },
];
const start = async (g: { name: string; uuid: string }) => {
  const xml = testGuestXml(g.name, ensureTestGuestImage(), 128, await resolveVirtType(lv)).replace(
    "<name>",
    `<uuid>${g.uuid}</uuid><name>`,
  );
  doms.push(await lv.domains.createTransient(xml));
};
const crashes = (name: string) => db().fleetEvent.count({ where: { kind: "guest.crashed", name } });
const starts = (name: string) => db().fleetEvent.count({ where: { kind: "guest.started", name } });

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
  for (const dom of doms) await lv.domains.destroy(dom).catch(() => undefined);
  await lv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
});

describe("alert rules on a tag", () => {
  it("fire for a guest tagged after the rule was made, and not for a guest without the tag", async () => {
    const { id: ruleId } = await createAlertRule(ctxOf(admin), {
      name: "managers tagged crashes",
      kind: "event",
      target: "guest.crashed",
      scope: "tag",
      tag: TAG,
      enabled: true,
      webhookUrl: "",
      webhookSecret: "",
    });
    for (const g of guests) await start(g);
    for (const g of guests) await until(`${g.name} start is recorded`, async () => (await starts(g.name)) === 1, slowly);
    await setGuestTags(ctxOf(admin), { hostId, uuid: guests[0]!.uuid, tags: [TAG] });

    for (const g of guests) process.kill(Number(readFileSync(`/run/libvirt/qemu/${g.name}.pid`, "utf8").trim()), "SIGKILL");
    for (const g of guests) await until(`${g.name} crash is recorded`, async () => (await crashes(g.name)) === 1, slowly);

    await until("the alert fires", async () => (await evaluateAlerts(db())).fired > 0, slowly);
    const mine = (await listAlerts(ctxOf(admin))).active.filter((a) => a.ruleId === ruleId);
    expect(mine.map((a) => [a.guestUuid, a.message])).toEqual([[guests[0]!.uuid, `${guests[0]!.name} crashed on local`]]);
    expect((await listAlerts(ctxOf(admin))).rules.find((r) => r.id === ruleId)).toMatchObject({ scope: "tag", tag: TAG, hostId: null });
  });
});
