import { describe, expect, it } from "vitest";
import { PointRing } from "@/lib/server/metrics/ring";

const SERIES = ["cpu", "mem"] as const;
const point = (t: number, cpu: number | null, mem: number | null = 1024) => ({ t, cpu, mem });

describe("PointRing", () => {
  it("gives back the points pushed, oldest first, nulls as nulls", () => {
    const ring = new PointRing(4, SERIES);
    ring.push(point(1000, 12.5));
    ring.push(point(3000, null, null));
    expect(ring.size).toBe(2);
    expect(ring.range()).toEqual([point(1000, 12.5), point(3000, null, null)]);
    expect(ring.latestT()).toBe(3000);
  });

  it("overwrites the oldest once full, and keeps the order across the wrap", () => {
    const ring = new PointRing(3, SERIES);
    for (let i = 1; i <= 7; i++) ring.push(point(i * 1000, i));
    expect(ring.size).toBe(3);
    expect(ring.range().map((p) => [p.t, p.cpu])).toEqual([
      [5000, 5],
      [6000, 6],
      [7000, 7],
    ]);
    expect(ring.latestT()).toBe(7000);
  });

  it("returns from <= t < to, across the wrap", () => {
    const ring = new PointRing(4, SERIES);
    for (let i = 1; i <= 6; i++) ring.push(point(i * 1000, i));
    expect(ring.range(4000, 6000).map((p) => p.t)).toEqual([4000, 5000]);
    expect(ring.range(0, 3500).map((p) => p.t)).toEqual([3000]);
    expect(ring.range(7000)).toEqual([]);
  });

  it("leaves an interval without a sample as a gap, not a made-up point", () => {
    const ring = new PointRing(5, SERIES);
    ring.push(point(2000, 1));
    ring.push(point(4000, 2));
    // 6000 and 8000 were not sampled (host unreachable, guest stopped).
    ring.push(point(10_000, 3));
    ring.push(point(12_000, null));
    ring.push(point(14_000, 5));
    ring.push(point(16_000, 6)); // wraps: 2000 goes
    expect(ring.range().map((p) => [p.t, p.cpu])).toEqual([
      [4000, 2],
      [10_000, 3],
      [12_000, null],
      [14_000, 5],
      [16_000, 6],
    ]);
  });

  it("keeps values as 32-bit floats, read back to seven significant digits", () => {
    const ring = new PointRing(2, SERIES);
    ring.push(point(1, 100 / 3, 16_777_216));
    expect(ring.range()[0]).toEqual(point(1, 33.33333, 16_777_220));
  });

  it("takes its whole memory at once and never more", () => {
    const ring = new PointRing(1830, SERIES);
    const bytes = ring.bytes;
    expect(bytes).toBe(1830 * (8 + 4 * SERIES.length));
    for (let i = 0; i < 5000; i++) ring.push(point(i, i));
    expect(ring.bytes).toBe(bytes);
    expect(ring.size).toBe(1830);
  });
});
