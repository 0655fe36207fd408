import { describe, expect, it } from "vitest";
import { firstSlot, nextSlot, ruleSchema } from "@/lib/server/jobs/schedule-rules";

const MIN = 60_000;
const T0 = Date.UTC(2027, 5, 1, 0, 0, 0);

describe("schedule rules", () => {
  it("a one-time rule runs at its time (at once when that has passed) and never again", () => {
    expect(firstSlot({ at: T0 + 5 * MIN }, T0)).toBe(T0 + 5 * MIN);
    expect(firstSlot({ at: T0 - 5 * MIN }, T0)).toBe(T0 - 5 * MIN);
    expect(nextSlot({ at: T0 }, T0, T0 + MIN)).toBeNull();
  });

  it("an interval's first run is one interval away; after a run on time, the next slot follows", () => {
    const every = { everyMs: 10 * MIN };
    expect(firstSlot(every, T0)).toBe(T0 + 10 * MIN);
    expect(nextSlot(every, T0, T0)).toBe(T0 + 10 * MIN);
    expect(nextSlot(every, T0, T0 + 3 * MIN)).toBe(T0 + 10 * MIN);
    // A run ending exactly on the next slot leaves that slot to run.
    expect(nextSlot(every, T0, T0 + 10 * MIN - 1)).toBe(T0 + 10 * MIN);
  });

  it("missed slots run once, never as a burst: the next slot is the first of the grid after now", () => {
    const every = { everyMs: 10 * MIN };
    expect(nextSlot(every, T0, T0 + 10 * MIN)).toBe(T0 + 20 * MIN);
    expect(nextSlot(every, T0, T0 + 65 * MIN)).toBe(T0 + 70 * MIN);
    expect(nextSlot(every, T0, T0 + 7 * 24 * 60 * MIN)).toBe(T0 + 7 * 24 * 60 * MIN + 10 * MIN);
    // A clock behind the slot (another machine's) still moves forward.
    expect(nextSlot(every, T0, T0 - 3 * MIN)).toBe(T0 + 10 * MIN);
  });

  it("accepts only the rules it knows, and intervals of a second or more", () => {
    expect(ruleSchema.safeParse({ everyMs: 999 }).success).toBe(false);
    expect(ruleSchema.safeParse({ everyMs: 1000 }).success).toBe(true);
    expect(ruleSchema.safeParse({ cron: "* * * * *" }).success).toBe(false);
    expect(ruleSchema.safeParse({ at: T0, everyMs: 1000 }).success).toBe(false);
  });
});
