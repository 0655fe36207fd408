import { describe, expect, it } from "vitest";
import { lifecycleEvent, recentEvents, recordEvent } from "@/lib/server/metrics/recent-events";

describe("recent fleet events", () => {
  it("names crashes (CRASHED, or STOPPED with detail CRASHED or FAILED), starts and other stops; ignores the rest", () => {
    expect(lifecycleEvent("h", "u", "web", 8, 0, 1)).toEqual({ at: 1, kind: "guest.crashed", hostId: "h", uuid: "u", name: "web" });
    expect(lifecycleEvent("h", "u", "web", 5, 5, 1)?.kind).toBe("guest.crashed");
    expect(lifecycleEvent("h", "u", "web", 5, 2, 1)?.kind).toBe("guest.crashed");
    expect(lifecycleEvent("h", "u", "web", 5, 1, 1)?.kind).toBe("guest.stopped");
    expect(lifecycleEvent("h", "u", "web", 2, 0, 1)?.kind).toBe("guest.started");
    expect(lifecycleEvent("h", "u", "web", 0, 0, 1)).toBeNull();
  });

  it("lists the newest first, only what the filter lets through", () => {
    recordEvent({ at: 1, kind: "host.disconnected", hostId: "a" });
    recordEvent({ at: 2, kind: "host.connected", hostId: "b" });
    recordEvent({ at: 3, kind: "guest.started", hostId: "a", uuid: "u", name: "web" });
    expect(recentEvents((e) => e.hostId === "a").map((e) => e.at)).toEqual([3, 1]);
  });
});
