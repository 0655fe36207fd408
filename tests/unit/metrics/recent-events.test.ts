import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import {
  VirDomainEventResumedDetailType as Resumed,
  VirDomainEventStoppedDetailType as Stopped,
  VirDomainEventSuspendedDetailType as Suspended,
  VirDomainEventType as Event,
} from "@/lib/libvirt/generated/flags";
import { recentEvents } from "@/lib/server/metrics/list-recent-events";
import { hostStatusEvent, lifecycleEvent } from "@/lib/server/metrics/recent-events";
import { KEPT_EVENTS, recordEvent } from "@/lib/server/metrics/record-event";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";

let tc: TestConsole;
let a: string;
let b: string;

beforeAll(async () => {
  tc = await startTestConsole();
  a = await tc.addHost("events-a", "test:///default");
  b = await tc.addHost("events-b", "test:///default");
});

afterAll(async () => tc?.cleanup());

describe("recent fleet events", () => {
  it("names crashes (CRASHED, or STOPPED with detail CRASHED or FAILED), starts and other stops; ignores the rest", () => {
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_CRASHED, 0, 1)).toEqual({
      at: 1,
      kind: "guest.crashed",
      hostId: "h",
      uuid: "u",
      name: "web",
    });
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_STOPPED, Stopped.VIR_DOMAIN_EVENT_STOPPED_FAILED, 1)?.kind).toBe(
      "guest.crashed",
    );
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_STOPPED, Stopped.VIR_DOMAIN_EVENT_STOPPED_CRASHED, 1)?.kind).toBe(
      "guest.crashed",
    );
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_STOPPED, Stopped.VIR_DOMAIN_EVENT_STOPPED_DESTROYED, 1)?.kind).toBe(
      "guest.stopped",
    );
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_STARTED, 0, 1)?.kind).toBe("guest.started");
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_DEFINED, 0, 1)).toBeNull();
  });

  it("names a pause by an error (SUSPENDED with detail IOERROR, WATCHDOG …) with its cause, and someone resuming it; not other pauses", () => {
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_SUSPENDED, Suspended.VIR_DOMAIN_EVENT_SUSPENDED_IOERROR, 1)).toEqual({
      at: 1,
      kind: "guest.paused",
      hostId: "h",
      uuid: "u",
      name: "web",
      message: "a disk error",
    });
    expect(
      lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_SUSPENDED, Suspended.VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG, 1)?.message,
    ).toBe("its watchdog");
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_SUSPENDED, Suspended.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, 1)).toBeNull();
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_SUSPENDED, Suspended.VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED, 1)).toBeNull();
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_RESUMED, Resumed.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED, 1)?.kind).toBe(
      "guest.resumed",
    );
    expect(lifecycleEvent("h", "u", "web", Event.VIR_DOMAIN_EVENT_RESUMED, Resumed.VIR_DOMAIN_EVENT_RESUMED_MIGRATED, 1)).toBeNull();
  });

  it("lists the newest first from the database, only what the filter lets through", async () => {
    await recordEvent({ at: 1, kind: "host.disconnected", hostId: a, message: "libvirtd went away" });
    await recordEvent({ at: 2, kind: "host.connected", hostId: b });
    await recordEvent({ at: 3, kind: "guest.started", hostId: a, uuid: "u", name: "web" });
    expect(await recentEvents((e) => e.hostId === a)).toEqual([
      { at: 3, kind: "guest.started", hostId: a, uuid: "u", name: "web" },
      { at: 1, kind: "host.disconnected", hostId: a, message: "libvirtd went away" },
    ]);
  });

  it("keeps the newest few hundred", async () => {
    for (let i = 0; i < KEPT_EVENTS + 5; i++) await recordEvent({ at: 1000 + i, kind: "guest.stopped", hostId: b, uuid: "v", name: "db" });
    expect(await db().fleetEvent.count()).toBe(KEPT_EVENTS);
    expect((await recentEvents(() => true, 1))[0].at).toBe(1000 + KEPT_EVENTS + 4);
  });

  it("reads a host's connected → retrying → connecting → connected as one disconnect and one return, and its first connection as nothing", () => {
    let before: Parameters<typeof hostStatusEvent>[1];
    const kinds: (string | null)[] = [];
    for (const status of [
      { state: "connecting", since: 1 },
      { state: "connected", since: 2 },
      { state: "retrying", since: 3, message: "libvirtd went away", retryAt: 4 },
      { state: "connecting", since: 4 },
      { state: "connected", since: 5 },
    ] as const) {
      const { event, remember } = hostStatusEvent("h", before, status);
      if (remember) before = status.state;
      kinds.push(event?.kind ?? null);
    }
    expect(kinds).toEqual([null, null, "host.disconnected", null, "host.connected"]);
  });
});
