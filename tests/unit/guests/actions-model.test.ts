import { describe, expect, it } from "vitest";
import { availableActions, bulkApplies } from "@/components/guests/actions-model";
import { compressRanges, describeCpus } from "@/components/hosts/host-overview-types";

describe("availableActions", () => {
  it("offers what makes sense in each state", () => {
    expect(availableActions("shutoff")).toEqual(["start"]);
    expect(availableActions("running")).toEqual(["shutdown", "reboot", "pause", "reset", "forceoff"]);
    expect(availableActions("paused")).toEqual(["resume", "forceoff"]);
    expect(availableActions("crashed")).toEqual(["start", "forceoff"]);
  });
  it("applies bulk actions only to guests they fit", () => {
    expect(bulkApplies("start", "shutoff")).toBe(true);
    expect(bulkApplies("start", "running")).toBe(false);
    expect(bulkApplies("shutdown", "paused")).toBe(false);
    expect(bulkApplies("forceoff", "paused")).toBe(true);
  });
});

describe("NUMA CPU lists", () => {
  it("compresses CPU ids into ranges", () => {
    expect(compressRanges([0, 1, 2, 3, 8])).toBe("0-3, 8");
    expect(compressRanges([5, 4, 10, 11])).toBe("4-5, 10-11");
    expect(compressRanges([])).toBe("—");
    expect(describeCpus([2, 3])).toBe("2-3");
  });
});
