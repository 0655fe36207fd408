// Server verbs against the real libvirtd: the inventory, lifecycle actions with their audit rows, and
// a change made with virsh reaching the pool's event stream (an event, not a re-read; how fast is for
// the benchmarks, not for tests on a shared machine).
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainUndefineFlagsValues } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { bulkPower } from "@/lib/server/guests/bulk-power";
import { discardManagedSave } from "@/lib/server/guests/discard-managed-save";
import { listGuests } from "@/lib/server/guests/list-guests";
import { managedSaveGuest } from "@/lib/server/guests/managed-save";
import { powerGuest } from "@/lib/server/guests/power-guest";
import { updateGuest } from "@/lib/server/guests/update-guest";
import { noteLiveEvent } from "@/lib/server/guests/inventory";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { listenForLiveEvents } from "@/lib/server/ws/listen-live";
import type { PoolEvent } from "@/lib/server/hosts/connections";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { privateTestDriverUri, removeTestDriverFiles } from "../../helpers/test-driver";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";
import { virsh } from "../libvirt/virsh";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let unlisten: () => void;
let localId: string;
let demoId: string;
let demoUri: string;
let lv: Libvirt;
let dom: DomainRef;
let uuid: string;
const name = uniqueGuestName("vc-life");

const row = async (hostId = localId, id = uuid) => (await listGuests(admin, hostId)).guests.find((g) => g.uuid === id);

/** Resolves with the first lifecycle event of our guest matching `event`, or rejects after `ms`. */
function nextLifecycle(event: number, ms = 15_000): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      hostPool().off("event", listener);
      reject(new Error(`no lifecycle event ${event} within ${ms} ms`));
    }, ms);
    const listener = (e: PoolEvent) => {
      if (e.type !== "libvirt" || e.hostId !== localId || !e.event.procedure.endsWith("_LIFECYCLE")) return;
      const dom = e.event.data.dom as { name: string };
      if (dom.name !== name || e.event.data.event !== event) return;
      clearTimeout(timer);
      hostPool().off("event", listener);
      resolve(Date.now() - started);
    };
    hostPool().on("event", listener);
  });
}

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  localId = await tc.addHost("local", "qemu:///system");
  // As the instance holding the host's lease: its events flow, and the inventory hears them through the bus.
  hostPool().own(localId);
  unlisten = listenForLiveEvents({ onEvent: noteLiveEvent });
  demoUri = privateTestDriverUri(1, "demo");
  demoId = await tc.addHost("demo", demoUri);
  lv = await Libvirt.open("qemu:///system");
  dom = await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 160, await resolveVirtType(lv)));
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
});

afterAll(async () => {
  await lv.domains.destroy(dom).catch(() => undefined);
  await lv.domains.undefine(dom, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE).catch(() => undefined);
  await lv.close();
  unlisten?.();
  await hostPool().closeAll();
  await tc.cleanup();
  removeTestDriverFiles();
});

describe("guest inventory and lifecycle on the real libvirtd", () => {
  it("lists guests of every host with their state, size and flags", async () => {
    const list = await listGuests(admin);
    expect(list.errors).toEqual([]);
    expect(list.hosts.map((h) => [h.name, h.status?.state])).toEqual([
      ["demo", "connected"],
      ["local", "connected"],
    ]);
    const mine = list.guests.find((g) => g.uuid === uuid)!;
    expect(mine).toMatchObject({
      hostId: localId,
      name,
      state: "shutoff",
      persistent: true,
      autostart: false,
      vcpus: 1,
      memoryKiB: 160 * 1024,
      cpuPercent: null,
    });
    // The test-driver guest on the other host, in the words `virsh domstate --reason` uses.
    const demo = list.guests.find((g) => g.hostId === demoId && g.name === "demo-0000")!;
    const [virshState, virshReason] = execFileSync("virsh", ["-c", demoUri, "domstate", "demo-0000", "--reason"], { encoding: "utf8" })
      .trim()
      .split(/ \(|\)/);
    expect([demo.state, demo.stateReason]).toEqual([virshState, virshReason]);
    expect(demo).toMatchObject({ vcpus: 2, memoryKiB: 512 * 1024 });
    // What virsh says about the same guest.
    expect(virsh("domstate", name).trim()).toBe("shut off");
  });

  it("starts the guest; the start event arrives and the row shows it running with rates", async () => {
    const event = nextLifecycle(2);
    await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "start" });
    await expect(event, "no lifecycle event arrived").resolves.toBeTypeOf("number");
    expect(await waitForBoot(lv, dom)).toBe(true);
    expect(await row()).toMatchObject({ state: "running", stateReason: "booted" });
    // Rates need two samples of the running guest: a later read has them.
    await vi.waitFor(
      async () => {
        const sampled = (await row())!;
        expect(sampled.cpuPercent).toBeGreaterThanOrEqual(0);
        expect(sampled.runningSince).toBeGreaterThan(Date.now() - 120_000);
      },
      { timeout: 15_000, interval: 250 },
    );
  });

  it("sees a pause made outside the console with virsh as an event", async () => {
    const event = nextLifecycle(3);
    virsh("suspend", name);
    await expect(event, "no lifecycle event arrived").resolves.toBeTypeOf("number");
    expect(await row()).toMatchObject({ state: "paused", stateReason: "user" });
    await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "resume" });
    expect(await row()).toMatchObject({ state: "running", stateReason: "unpaused" });
  });

  it("shows libvirt's own message when it refuses, and audits the refusal", async () => {
    await expect(powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "start" })).rejects.toThrow(/already running/);
    const rows = await tc.auditRows("guest.start");
    expect(rows.map((r) => r.result)).toEqual(["ok", "error"]);
    expect(JSON.parse(rows[1].details).error).toMatch(/already running/);
    expect(rows[0].target).toBe(`guest:local/${name} (${uuid})`);
  });

  it("reboots through ACPI and shuts down through ACPI", async () => {
    await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "reboot", method: "acpi" });
    expect(await waitForBoot(lv, dom)).toBe(true);
    // An ACPI shutdown is a button press the guest may miss while it is still settling after the
    // reboot (seen once on a loaded CI machine); like a person, press it again until the guest stops.
    const stopped = nextLifecycle(5, 90_000);
    let waiting = true;
    void stopped.finally(() => (waiting = false)).catch(() => undefined);
    for (let press = 0; press < 6 && waiting; press++) {
      await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "shutdown", method: "acpi" }).catch((err: Error) => {
        if (!/not running/.test(err.message)) throw err;
      });
      await Promise.race([stopped.catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
    }
    await stopped;
    expect(await row()).toMatchObject({ state: "shutoff", stateReason: "shutdown" });
  });

  it("saves state with managed save, starts from it, discards it", async () => {
    await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "start" });
    expect(await waitForBoot(lv, dom)).toBe(true);
    await managedSaveGuest(ctxOf(admin), { hostId: localId, uuid });
    expect(await row()).toMatchObject({ state: "shutoff", stateReason: "saved", hasManagedSave: true });
    await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "start" });
    expect(await row()).toMatchObject({ state: "running", stateReason: "restored", hasManagedSave: false });
    await managedSaveGuest(ctxOf(admin), { hostId: localId, uuid });
    await discardManagedSave(ctxOf(admin), { hostId: localId, uuid });
    expect(await row()).toMatchObject({ state: "shutoff", hasManagedSave: false });
  });

  it("resets and forces off; turns autostart on and off; renames", async () => {
    await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "start" });
    await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "reset" });
    await powerGuest(ctxOf(admin), { hostId: localId, uuid, action: "forceoff" });
    expect(await row()).toMatchObject({ state: "shutoff", stateReason: "destroyed" });
    await updateGuest(ctxOf(admin), { hostId: localId, uuid, autostart: true });
    expect((await row())!.autostart).toBe(true);
    expect(virsh("dominfo", name)).toMatch(/Autostart:\s+enable/);
    await updateGuest(ctxOf(admin), { hostId: localId, uuid, autostart: false });
    await updateGuest(ctxOf(admin), { hostId: localId, uuid, name: `${name}-r` });
    expect((await row())!.name).toBe(`${name}-r`);
    await updateGuest(ctxOf(admin), { hostId: localId, uuid, name });
    for (const action of ["guest.reset", "guest.forceoff", "guest.autostart", "guest.rename"]) {
      expect(
        (await tc.auditRows(action)).every((r) => r.result === "ok"),
        action,
      ).toBe(true);
    }
  });

  it("bulk power checks each guest on its own: a helpdesk grant on one guest covers only that guest", async () => {
    const demo = (await listGuests(admin, demoId)).guests.find((g) => g.name === "demo-0000")!;
    const helpdesk = await tc.actor([{ role: "helpdesk", scope: "guest", hostId: demoId, guestUuid: demo.uuid }]);
    expect((await listGuests(helpdesk)).guests.map((g) => g.uuid)).toEqual([demo.uuid]);
    const results = await bulkPower(ctxOf(helpdesk), {
      action: "forceoff",
      guests: [
        { hostId: demoId, uuid: demo.uuid },
        { hostId: localId, uuid },
      ],
    });
    expect(results.find((r) => r.uuid === demo.uuid)).toMatchObject({ ok: true });
    expect(results.find((r) => r.uuid === uuid)).toMatchObject({ ok: false, message: "You do not have permission to do that" });
    expect((await row(demoId, demo.uuid))!.state).toBe("shutoff");
    await bulkPower(ctxOf(admin), { action: "start", guests: [{ hostId: demoId, uuid: demo.uuid }] });
    expect((await row(demoId, demo.uuid))!.state).toBe("running");
  });
});
