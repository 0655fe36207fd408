import { describe, expect, it } from "vitest";
import { describeState } from "@/lib/server/guests/state-reason";

describe("libvirt state and reason in virsh's words", () => {
  it.each([
    [1, 1, "running", "booted"],
    [1, 5, "running", "unpaused"],
    [3, 1, "paused", "user"],
    [5, 2, "shutoff", "destroyed"],
    [5, 5, "shutoff", "saved"],
    [7, 0, "pmsuspended", "unknown"],
    [5, 99, "shutoff", "unknown"],
    [42, 1, "nostate", "unknown"],
  ])("state %i reason %i → %s (%s)", (state, reason, name, words) => {
    expect(describeState(state, reason)).toEqual({ state: name, reason: words });
  });
});
