import { describe, expect, it } from "vitest";
import { proposeMoves, windowLoad, type BalanceGuest, type BalanceMember, type BalanceRules } from "@/lib/host-clusters/balancing";

const rules: BalanceRules = { policy: "spread", vcpuOvercommit: 4, antiAffinityTags: ["db"], affinityTags: [], thresholdPercent: 75 };

const guest = (name: string, loadPercent: number, tags: string[] = []): BalanceGuest => ({
  uuid: `uuid-${name}`,
  name,
  memoryMiB: 512,
  vcpus: 1,
  tags,
  loadPercent,
});

function member(name: string, guests: BalanceGuest[], over: Partial<BalanceMember> = {}): BalanceMember {
  return {
    id: name,
    name,
    connected: true,
    inMaintenance: false,
    fit: true,
    freeMemoryMiB: 8192,
    cpus: 4,
    vcpusPlaced: guests.length,
    guestTags: guests.flatMap((g) => g.tags),
    guests,
    loadPercent: guests.reduce((s, g) => s + g.loadPercent, 0),
    ...over,
  };
}

describe("proposeMoves", () => {
  it("moves the smallest guest that brings a busy member under the threshold to the least loaded member", () => {
    const a = member("a", [guest("big", 60), guest("small", 20), guest("idle", 5)]);
    const b = member("b", [guest("other", 30)]);
    const c = member("c", [guest("quiet", 10)]);
    const [move, ...rest] = proposeMoves([a, b, c], rules);
    expect(rest).toEqual([]);
    expect(move).toMatchObject({ guestName: "small", sourceHostId: "a", destinationHostId: "c" });
    expect(move.facts).toEqual({
      thresholdPercent: 75,
      sourceLoadPercent: 85,
      guestLoadPercent: 20,
      sourceAfterPercent: 65,
      destinationAfterPercent: 30,
    });
  });

  it("proposes nothing below the threshold, for unmeasured members, or when no member stays under it", () => {
    expect(proposeMoves([member("a", [guest("g", 70)]), member("b", [])], rules)).toEqual([]);
    expect(proposeMoves([member("a", [guest("g", 90)], { loadPercent: null }), member("b", [])], rules)).toEqual([]);
    expect(proposeMoves([member("a", [guest("g", 90)]), member("b", [guest("h", 70)])], rules)).toEqual([]);
  });

  it("does not pass a lone busy guest around, but splits two busy guests between members", () => {
    expect(proposeMoves([member("a", [guest("g", 90)]), member("b", [])], rules)).toEqual([]);
    const [move, ...rest] = proposeMoves([member("a", [guest("g", 45), guest("h", 46)]), member("b", [])], rules);
    expect(rest).toEqual([]);
    expect(move).toMatchObject({ guestName: "g", destinationHostId: "b" });
    expect(move.facts).toMatchObject({ sourceAfterPercent: 46, destinationAfterPercent: 45 });
    // Afterwards neither member gains by moving its guest back.
    expect(proposeMoves([member("a", [guest("h", 46)]), member("b", [guest("g", 45)])], rules)).toEqual([]);
  });

  it("counts a guest's share on a host with fewer CPUs as larger", () => {
    const a = member("a", [guest("g", 40), guest("h", 40)], { cpus: 8 });
    const b = member("b", [], { cpus: 2 });
    // 40 % of 8 CPUs is 160 % of 2: b cannot take it.
    expect(proposeMoves([a, b], rules)).toEqual([]);
    const [move] = proposeMoves([a, member("c", [], { cpus: 8 })], rules);
    expect(move.facts.destinationAfterPercent).toBe(40);
  });

  it("keeps anti-affinity, maintenance and fitness as placement does", () => {
    const a = member("a", [guest("db1", 50, ["db"]), guest("x", 40)]);
    const withDb = member("b", [guest("db2", 5, ["db"])]);
    const away = member("c", [], { inMaintenance: true });
    const [move] = proposeMoves([a, withDb, away], rules);
    expect(move).toMatchObject({ guestName: "x", destinationHostId: "b" });
    expect(proposeMoves([member("a", [guest("db1", 90, ["db"])]), withDb, away], rules)).toEqual([]);
  });

  it("does not send two busy members' guests to one member beyond the threshold", () => {
    const a = member("a", [guest("a1", 50), guest("a2", 40)]);
    const b = member("b", [guest("b1", 50), guest("b2", 40)]);
    const c = member("c", []);
    const moves = proposeMoves([a, b, c], rules);
    expect(moves).toHaveLength(1);
    expect(moves[0].destinationHostId).toBe("c");
  });
});

describe("windowLoad", () => {
  it("is the lowest minute's sum, with each guest's average, and null when minutes are missing", () => {
    const minutes = new Map([
      [
        1,
        new Map([
          ["g", 60],
          ["h", 30],
        ]),
      ],
      [
        2,
        new Map([
          ["g", 80],
          ["h", 0],
        ]),
      ],
    ]);
    const load = windowLoad(minutes, 2);
    expect(load.hostPercent).toBe(80);
    expect(Object.fromEntries(load.guests)).toEqual({ g: 70, h: 15 });
    expect(windowLoad(minutes, 3).hostPercent).toBeNull();
  });
});
