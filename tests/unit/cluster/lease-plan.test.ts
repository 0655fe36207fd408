import { describe, expect, it } from "vitest";
import { planLeases, type LeaseRow } from "@/lib/server/cluster/lease-plan";

const NOW = 1_000_000;
const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i}`);
const held = (instanceId: string, hostIds: string[], expiresAt = NOW + 5000): LeaseRow[] =>
  hostIds.map((hostId) => ({ hostId, instanceId, expiresAt }));

describe("spreading hosts over instances", () => {
  it("a lone instance takes every host", () => {
    expect(planLeases({ me: "a", hostIds: hosts(3), leases: [], workers: ["a"], now: NOW }).take.sort()).toEqual(["h0", "h1", "h2"]);
  });

  it("instances starting together each try for their share (the floor while someone is short)", () => {
    const plans = ["a", "b", "c"].map((me) => planLeases({ me, hostIds: hosts(7), leases: [], workers: ["a", "b", "c"], now: NOW }));
    expect(plans.map((p) => p.take.length)).toEqual([2, 2, 2]);
    // Different instances start from different hosts, so they seldom race for the same one.
    expect(new Set(plans.map((p) => p.take[0])).size).toBeGreaterThan(1);
    // Once everyone has the floor, the last free host goes to whoever takes it first.
    const leases = [...held("a", ["h0", "h1"]), ...held("b", ["h2", "h3"]), ...held("c", ["h4", "h5"])];
    expect(planLeases({ me: "b", hostIds: hosts(7), leases, workers: ["a", "b", "c"], now: NOW }).take).toEqual(["h6"]);
  });

  it("an instance above its share hands over the excess; one at its share keeps what it has", () => {
    const leases = held("a", hosts(4));
    expect(planLeases({ me: "a", hostIds: hosts(4), leases, workers: ["a", "b"], now: NOW })).toEqual({ take: [], release: ["h2", "h3"] });
    expect(planLeases({ me: "b", hostIds: hosts(4), leases, workers: ["a", "b"], now: NOW })).toEqual({ take: [], release: [] });
  });

  it("a newcomer below the floor gets one host from the fullest instance, not from every one", () => {
    const leases = [...held("a", ["h0", "h1"]), ...held("b", ["h2", "h3"])];
    const workers = ["a", "b", "c"];
    expect(planLeases({ me: "a", hostIds: hosts(4), leases, workers, now: NOW }).release).toEqual(["h1"]);
    expect(planLeases({ me: "b", hostIds: hosts(4), leases, workers, now: NOW }).release).toEqual([]);
    expect(planLeases({ me: "c", hostIds: hosts(4), leases, workers, now: NOW }).take).toEqual([]);
  });

  it("the hosts of an instance whose leases ran out are free; nobody hands over while free hosts fill the gap", () => {
    const leases = [...held("a", ["h0", "h1"]), ...held("dead", ["h2", "h3"], NOW - 1)];
    const plan = planLeases({ me: "a", hostIds: hosts(4), leases, workers: ["a", "b"], now: NOW });
    expect(plan).toEqual({ take: [], release: [] });
    expect(planLeases({ me: "b", hostIds: hosts(4), leases, workers: ["a", "b"], now: NOW }).take.sort()).toEqual(["h2", "h3"]);
  });

  it("an instance that is not taking work (stopping) plans nothing; removed hosts do not count", () => {
    expect(planLeases({ me: "a", hostIds: hosts(2), leases: [], workers: ["b"], now: NOW })).toEqual({ take: [], release: [] });
    const leases = held("a", ["gone", "h0"]);
    expect(planLeases({ me: "a", hostIds: ["h0", "h1"], leases, workers: ["a"], now: NOW })).toEqual({ take: ["h1"], release: [] });
  });
});
