import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import messages from "@/messages/en.json";
import { actionLabel, availableActions, bulkApplies, primaryAction, summarizeBulk } from "@/components/guests/actions-model";
import { compressRanges, describeCpus } from "@/components/hosts/host-overview-types";

const t = createTranslator({ locale: "en", messages, namespace: "guests" });

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

describe("primaryAction and actionLabel", () => {
  it("puts one safe action first for the state, never a destructive one", () => {
    expect(primaryAction("shutoff")).toBe("start");
    expect(primaryAction("running")).toBe("shutdown");
    expect(primaryAction("paused")).toBe("resume");
    expect(primaryAction("crashed")).toBe("start");
    expect(primaryAction("shutdown")).toBeNull();
  });
  it("marks the actions asked again with an ellipsis and names a start from saved state", () => {
    expect(actionLabel("forceoff", t)).toBe("Force off…");
    expect(actionLabel("reset", t)).toBe("Reset…");
    expect(actionLabel("reboot", t)).toBe("Reboot");
    expect(actionLabel("start", t, true)).toBe("Start from saved state");
    expect(actionLabel("start", t)).toBe("Start");
  });
});

describe("summarizeBulk", () => {
  it("counts successes and names each failure with its message", () => {
    const names = new Map([
      ["h/a", "web1"],
      ["h/b", "web2"],
    ]);
    const out = summarizeBulk(
      "start",
      [
        { hostId: "h", uuid: "a", ok: true },
        { hostId: "h", uuid: "b", ok: false, message: "Requested operation is not valid: domain is already running" },
        { hostId: "h", uuid: "c", ok: false },
      ],
      names,
      t,
    );
    expect(out.ok).toBe("1 guest started");
    expect(out.failed).toEqual(["web2: Requested operation is not valid: domain is already running", "c: failed"]);
    expect(
      summarizeBulk(
        "forceoff",
        [
          { hostId: "h", uuid: "a", ok: true },
          { hostId: "h", uuid: "b", ok: true },
        ],
        names,
        t,
      ).ok,
    ).toBe("2 guests forced off");
    expect(summarizeBulk("shutdown", [], names, t).ok).toBeNull();
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
