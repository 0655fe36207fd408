import { describe, expect, it } from "vitest";
import { scheduledSnapshotName, scheduledSnapshotPrefix, snapshotsToPrune } from "@/lib/schedules/retention";

const ID = "k3J9xQ2mZpA0";
const HOUR = 3_600_000;
const T0 = Date.UTC(2027, 0, 1, 3, 0, 0);

describe("keep the last N of a snapshot schedule", () => {
  it("names a snapshot after its schedule and slot", () => {
    expect(scheduledSnapshotName(ID, T0)).toBe("auto-k3J9xQ2m-20270101-0300");
    expect(scheduledSnapshotName(ID, T0).startsWith(scheduledSnapshotPrefix(ID))).toBe(true);
  });

  it("prunes the oldest of its own snapshots beyond N, never ones taken by hand or by another schedule", () => {
    const own = [0, 1, 2, 3, 4].map((i) => ({ name: scheduledSnapshotName(ID, T0 + i * HOUR), createdAt: T0 + i * HOUR }));
    const others = [
      { name: "before-upgrade", createdAt: T0 - HOUR },
      { name: scheduledSnapshotName("otherSchedule", T0), createdAt: T0 - 2 * HOUR },
    ];
    const all = [...others, own[3]!, own[0]!, own[4]!, own[1]!, own[2]!];
    expect(snapshotsToPrune(all, ID, 2)).toEqual([own[0]!.name, own[1]!.name, own[2]!.name]);
    expect(snapshotsToPrune(all, ID, 5)).toEqual([]);
    expect(snapshotsToPrune(all, ID, 0)).toEqual(own.map((s) => s.name));
  });
});
