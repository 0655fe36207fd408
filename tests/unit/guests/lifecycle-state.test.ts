import { describe, expect, it } from "vitest";
import { stateFromLifecycle } from "@/lib/server/guests/lifecycle-state";
import { VirDomainEventType as E } from "@/lib/libvirt/generated/flags";

describe("a lifecycle event carries the guest's new state", () => {
  it.each([
    [E.VIR_DOMAIN_EVENT_STARTED, 0, "running", "booted"],
    [E.VIR_DOMAIN_EVENT_SUSPENDED, 0, "paused", "paused"],
    [E.VIR_DOMAIN_EVENT_RESUMED, 0, "running", "unpaused"],
    [E.VIR_DOMAIN_EVENT_STOPPED, 1, "shutoff", "destroyed"],
    [E.VIR_DOMAIN_EVENT_STOPPED, 4, "shutoff", "saved"],
    [E.VIR_DOMAIN_EVENT_SHUTDOWN, 1, "shutdown", "guest"],
    [E.VIR_DOMAIN_EVENT_PMSUSPENDED, 0, "pmsuspended", "memory"],
    [E.VIR_DOMAIN_EVENT_CRASHED, 0, "crashed", "panicked"],
    [E.VIR_DOMAIN_EVENT_STOPPED, 99, "shutoff", "unknown"],
  ])("event %i detail %i → %s (%s)", (event, detail, state, reason) => {
    expect(stateFromLifecycle(event, detail)).toEqual({ state, reason });
  });

  it("says nothing for definitions, unknown events and malformed data", () => {
    expect(stateFromLifecycle(E.VIR_DOMAIN_EVENT_DEFINED, 0)).toBeNull();
    expect(stateFromLifecycle(E.VIR_DOMAIN_EVENT_UNDEFINED, 0)).toBeNull();
    expect(stateFromLifecycle(42, 0)).toBeNull();
    expect(stateFromLifecycle("2", 0)).toBeNull();
  });
});
