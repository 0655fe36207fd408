import { describe, expect, it } from "vitest";
import { backoffMs, invalidationsFor, mergeKeys, parseLiveMessage } from "@/lib/client/live-keys";

describe("live event messages", () => {
  it("parses known messages and rejects malformed ones", () => {
    expect(parseLiveMessage('{"type":"hello"}')).toEqual({ type: "hello" });
    expect(parseLiveMessage('{"type":"domain","hostId":"h","uuid":"u"}')).toMatchObject({ type: "domain" });
    expect(parseLiveMessage('{"type":"domain","hostId":"h"}')).toBeNull();
    expect(parseLiveMessage('{"type":"metrics","hostId":"h","t":1}')).toMatchObject({ type: "metrics" });
    expect(parseLiveMessage('{"type":"metrics"}')).toBeNull();
    expect(parseLiveMessage('{"type":"weird","hostId":"h"}')).toBeNull();
    expect(parseLiveMessage("not json")).toBeNull();
    expect(parseLiveMessage("null")).toBeNull();
  });

  it("maps events to the caches they make stale", () => {
    expect(invalidationsFor({ type: "domain", hostId: "h", uuid: "u" })).toEqual([
      ["guests"],
      ["guest", "h", "u"],
      ["hosts", "h", "overview"],
    ]);
    expect(invalidationsFor({ type: "host.status", hostId: "h" })).toEqual([["hosts"], ["guests"]]);
    expect(invalidationsFor({ type: "network", hostId: "h", name: "n" })).toEqual([
      ["hosts", "h", "overview"],
      ["networks", "h"],
    ]);
    expect(invalidationsFor({ type: "storagePool", hostId: "h", name: "default" })).toEqual([
      ["hosts", "h", "overview"],
      ["pools", "h"],
    ]);
    expect(invalidationsFor({ type: "host.resync", hostId: "h" })).toEqual([
      ["hosts"],
      ["guests"],
      ["guest", "h"],
      ["networks", "h"],
      ["pools", "h"],
    ]);
    expect(invalidationsFor({ type: "metrics", hostId: "h", t: 1 })).toEqual([["metrics-live", "h"]]);
    expect(invalidationsFor({ type: "hello" })).toEqual([]);
  });

  it("merges a burst of events into the fewest keys", () => {
    let batch = mergeKeys([], [["guests"], ["guest", "h", "u1"]]);
    batch = mergeKeys(batch, [["guests"], ["guest", "h", "u2"]]);
    expect(batch).toEqual([["guests"], ["guest", "h", "u1"], ["guest", "h", "u2"]]);
    batch = mergeKeys(batch, [["guest", "h"]]);
    expect(batch).toEqual([["guests"], ["guest", "h"]]);
    expect(mergeKeys([["guests"]], [["guests", { hostId: "x" }]])).toEqual([["guests"]]);
  });

  it("backs off exponentially up to 30 s with jitter", () => {
    const mid = () => 0.5;
    expect(backoffMs(0, mid)).toBe(1000);
    expect(backoffMs(3, mid)).toBe(8000);
    expect(backoffMs(10, mid)).toBe(30000);
    expect(backoffMs(0, () => 0)).toBe(800);
    expect(backoffMs(0, () => 1)).toBe(1200);
  });
});
