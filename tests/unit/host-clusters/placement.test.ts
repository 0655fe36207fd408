import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import {
  placeGuest,
  type PlacementCandidate,
  type PlacementReason,
  type PlacementRefusal,
  type PlacementRules,
} from "@/lib/host-clusters/placement";
import { placementText, refusalText } from "@/lib/host-clusters/placement-words";
import english from "@/messages/en.json";
import japanese from "@/messages/ja.json";

// Placement answers facts; the page words them (here in English, as the wizard does in its language).
const en = createTranslator({ locale: "en", messages: english, namespace: "placementWords" });
const say = (reason: PlacementReason) => placementText(en, reason);
const why = (refused: { name: string; why: PlacementRefusal }[]) => refused.map((r) => ({ name: r.name, why: refusalText(en, r.why) }));

const host = (name: string, o: Partial<PlacementCandidate> = {}): PlacementCandidate => ({
  id: `id-${name}`,
  name,
  connected: true,
  inMaintenance: false,
  fit: true,
  freeMemoryMiB: 8192,
  cpus: 4,
  vcpusPlaced: 0,
  guestTags: [],
  ...o,
});
const rules = (o: Partial<PlacementRules> = {}): PlacementRules => ({
  policy: "spread",
  vcpuOvercommit: 4,
  antiAffinityTags: [],
  affinityTags: [],
  ...o,
});
const guest = { memoryMiB: 1024, vcpus: 2, tags: [] as string[] };

describe("placeGuest", () => {
  it("spread picks the member with the most free memory, pack the fullest one the guest still fits in, when their load is equal", () => {
    const members = [host("a", { freeMemoryMiB: 2048 }), host("b", { freeMemoryMiB: 16384 }), host("c", { freeMemoryMiB: 512 })];
    const spread = placeGuest(members, rules(), guest);
    expect(spread.ok && spread.host.name).toBe("b");
    expect(say(spread.reason)).toBe("Spread: the least loaded member (0 vCPUs on 4 CPUs, 16384 MiB free); 2 of 3 members can take it.");
    const ja = createTranslator({ locale: "ja", messages: japanese, namespace: "placementWords" });
    expect(placementText(ja, spread.reason)).toBe(
      "分散: 最も負荷の低いメンバー (CPU 4 個に vCPU 0 個、空き 16384 MiB)。3 台のメンバーのうち 2 台が受け入れ可能です。",
    );
    const pack = placeGuest(members, rules({ policy: "pack" }), guest);
    expect(pack.ok && pack.host.name).toBe("a");
    expect(why(pack.refused)).toEqual([{ name: "c", why: "only 512 MiB free, the guest needs 1024 MiB" }]);
  });

  it("skips members in maintenance, not connected or not fit, and says why when none is left", () => {
    const members = [
      host("a", { inMaintenance: true, freeMemoryMiB: 99999 }),
      host("b", { connected: false }),
      host("c", { fit: false }),
      host("d", { freeMemoryMiB: 4096 }),
    ];
    const r = placeGuest(members, rules(), guest);
    expect(r.ok && r.host.name).toBe("d");
    const none = placeGuest(members.slice(0, 3), rules(), guest);
    expect(none.ok).toBe(false);
    expect(say(none.reason)).toBe(
      "No member can take the guest (a: in maintenance; b: not connected; c: not fit (lacks a required network or pool)).",
    );
  });

  it("spread goes by vCPUs placed per CPU before free memory; pack the other way", () => {
    const members = [host("a", { cpus: 8, vcpusPlaced: 8, freeMemoryMiB: 99999 }), host("b", { cpus: 2, vcpusPlaced: 1 })];
    const spread = placeGuest(members, rules(), guest);
    expect(spread.ok && spread.host.name).toBe("b");
    const pack = placeGuest(members, rules({ policy: "pack" }), guest);
    expect(pack.ok && pack.host.name).toBe("a");
    expect(say(pack.reason)).toContain("the fullest member the guest still fits on (8 vCPUs on 8 CPUs, 99999 MiB free)");
  });

  it("keeps vCPUs within the overcommit ratio", () => {
    const members = [host("a", { cpus: 2, vcpusPlaced: 3, freeMemoryMiB: 99999 }), host("b", { cpus: 2, vcpusPlaced: 0 })];
    const r = placeGuest(members, rules({ vcpuOvercommit: 2 }), guest);
    expect(r.ok && r.host.name).toBe("b");
    expect(why(r.refused)[0]).toEqual({ name: "a", why: "vCPUs would exceed 2× its 2 CPUs" });
  });

  it("keeps guests sharing an anti-affinity tag apart, even on the emptier host", () => {
    const members = [host("a", { freeMemoryMiB: 99999, guestTags: ["db", "web"] }), host("b", { freeMemoryMiB: 2048 })];
    const tagged = { ...guest, tags: ["db"] };
    const r = placeGuest(members, rules({ antiAffinityTags: ["db"] }), tagged);
    expect(r.ok && r.host.name).toBe("b");
    expect(why(r.refused)).toEqual([{ name: "a", why: "already runs a guest tagged db (kept apart)" }]);
    // Without the rule the tag means nothing to placement.
    const free = placeGuest(members, rules(), tagged);
    expect(free.ok && free.host.name).toBe("a");
  });

  it("puts a guest next to one sharing an affinity tag when that host can take it", () => {
    const members = [host("a", { freeMemoryMiB: 99999 }), host("b", { freeMemoryMiB: 2048, guestTags: ["app"] })];
    const r = placeGuest(members, rules({ affinityTags: ["app"] }), { ...guest, tags: ["app"] });
    expect(r.ok && r.host.name).toBe("b");
    expect(say(r.reason)).toContain("next to guests tagged app");
    // When that host is full, the guest still goes somewhere.
    const full = placeGuest([members[0], { ...members[1], freeMemoryMiB: 100 }], rules({ affinityTags: ["app"] }), {
      ...guest,
      tags: ["app"],
    });
    expect(full.ok && full.host.name).toBe("a");
  });

  it("breaks ties by name so the choice does not change between calls", () => {
    const r = placeGuest([host("b"), host("a")], rules(), guest);
    expect(r.ok && r.host.name).toBe("a");
  });
});
