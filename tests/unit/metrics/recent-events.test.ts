import { describe, expect, it } from "vitest";
import { VirDomainEventStoppedDetailType as Stopped, VirDomainEventType as Event } from "@/lib/libvirt/generated/flags";
import { hostStatusEvent, lifecycleEvent, recentEvents, recordEvent } from "@/lib/server/metrics/recent-events";

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

  it("lists the newest first, only what the filter lets through", () => {
    recordEvent({ at: 1, kind: "host.disconnected", hostId: "a" });
    recordEvent({ at: 2, kind: "host.connected", hostId: "b" });
    recordEvent({ at: 3, kind: "guest.started", hostId: "a", uuid: "u", name: "web" });
    expect(recentEvents((e) => e.hostId === "a").map((e) => e.at)).toEqual([3, 1]);
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
