import { describe, expect, it } from "vitest";
import { periodOf, pointsToKeep, pointsToPrune, retentionWords } from "@/lib/guest-backups/retention";
import { createScheduleSchema } from "@/lib/validations/schedules";

/** A point taken at an instant given in UTC. */
const at = (iso: string) => ({ id: iso, createdAt: Date.parse(iso) });
const ids = (set: Iterable<string>) => [...set].sort();

describe("backup retention", () => {
  it("keeps only the last N when no period rule is set, and prunes oldest first", () => {
    const points = [at("2026-12-01T03:00:00Z"), at("2026-12-03T03:00:00Z"), at("2026-12-02T03:00:00Z"), at("2026-12-04T03:00:00Z")];
    expect(pointsToPrune(points, { last: 2 }, "UTC")).toEqual(["2026-12-01T03:00:00Z", "2026-12-02T03:00:00Z"]);
    expect(pointsToPrune(points, { last: 10 }, "UTC")).toEqual([]);
  });

  it("keeps the newest point of each of the last D days that have points, plus the last N", () => {
    const points = [
      at("2026-12-01T01:00:00Z"),
      at("2026-12-01T13:00:00Z"), // newest of 1 Dec
      at("2026-12-02T01:00:00Z"),
      at("2026-12-02T13:00:00Z"), // newest of 2 Dec
      // no point on 3 Dec: the days counted are those that have one
      at("2026-12-04T01:00:00Z"),
      at("2026-12-04T13:00:00Z"), // newest of 4 Dec, and the last one
    ];
    expect(ids(pointsToKeep(points, { last: 1, daily: 3 }, "UTC"))).toEqual([
      "2026-12-01T13:00:00Z",
      "2026-12-02T13:00:00Z",
      "2026-12-04T13:00:00Z",
    ]);
    // The last 2 keeps 4 Dec's early point too; a point kept by any rule stays.
    expect(pointsToPrune(points, { last: 2, daily: 2 }, "UTC")).toEqual([
      "2026-12-01T01:00:00Z",
      "2026-12-01T13:00:00Z",
      "2026-12-02T01:00:00Z",
    ]);
  });

  it("reads days in the schedule's time zone", () => {
    // 23:30 UTC on 1 Dec is already 2 Dec in Berlin (UTC+1) and still 1 Dec in New York.
    const late = at("2026-12-01T23:30:00Z");
    const next = at("2026-12-02T10:00:00Z");
    expect(periodOf(late.createdAt, "daily", "Europe/Berlin")).toBe(periodOf(next.createdAt, "daily", "Europe/Berlin"));
    expect(periodOf(late.createdAt, "daily", "America/New_York")).not.toBe(periodOf(next.createdAt, "daily", "America/New_York"));
    expect(pointsToPrune([late, next], { last: 0, daily: 5 }, "Europe/Berlin")).toEqual([late.id]);
    expect(pointsToPrune([late, next], { last: 0, daily: 5 }, "America/New_York")).toEqual([]);
  });

  it("groups weeks by ISO week (Monday to Sunday, a year's first week holds its Thursday)", () => {
    expect(periodOf(Date.parse("2026-12-27T12:00:00Z"), "weekly", "UTC")).toBe("2026-W52"); // a Sunday
    expect(periodOf(Date.parse("2026-12-28T12:00:00Z"), "weekly", "UTC")).toBe("2026-W53"); // Monday
    expect(periodOf(Date.parse("2027-01-03T12:00:00Z"), "weekly", "UTC")).toBe("2026-W53"); // Sunday after New Year
    expect(periodOf(Date.parse("2027-01-04T12:00:00Z"), "weekly", "UTC")).toBe("2027-W01");
    const points = [at("2026-12-21T03:00:00Z"), at("2026-12-27T03:00:00Z"), at("2026-12-28T03:00:00Z"), at("2027-01-02T03:00:00Z")];
    expect(ids(pointsToKeep(points, { last: 0, weekly: 2 }, "UTC"))).toEqual(["2026-12-27T03:00:00Z", "2027-01-02T03:00:00Z"]);
  });

  it("keeps the newest of each month, and combines the rules", () => {
    const points = [
      at("2026-09-15T03:00:00Z"),
      at("2026-10-10T03:00:00Z"),
      at("2026-10-30T03:00:00Z"),
      at("2026-11-05T03:00:00Z"),
      at("2026-11-28T03:00:00Z"),
      at("2026-12-03T03:00:00Z"),
      at("2026-12-04T03:00:00Z"),
    ];
    expect(ids(pointsToKeep(points, { last: 1, monthly: 3 }, "UTC"))).toEqual([
      "2026-10-30T03:00:00Z",
      "2026-11-28T03:00:00Z",
      "2026-12-04T03:00:00Z",
    ]);
    expect(pointsToPrune(points, { last: 1, daily: 2, weekly: 2, monthly: 3 }, "UTC")).toEqual([
      "2026-09-15T03:00:00Z",
      "2026-10-10T03:00:00Z",
      "2026-11-05T03:00:00Z",
    ]);
  });

  it("says the rule in words, and the schedule input accepts it within bounds", () => {
    expect(retentionWords({ last: 7, daily: 7, weekly: 0, monthly: 6 })).toBe("keep 7, 7 daily, 6 monthly");
    const base = { action: "backup", target: { kind: "tag", tag: "web" }, timing: { preset: "daily" }, keep: 3 } as const;
    const backup = { pool: "backups", kind: "incremental", retain: { daily: 7, weekly: 4, monthly: 12 } } as const;
    expect(createScheduleSchema.safeParse({ ...base, backup }).success).toBe(true);
    const tooMany = createScheduleSchema.safeParse({ ...base, backup: { ...backup, retain: { daily: -1, yearly: 2 } } });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["backup.retain.daily", "backup.retain"]));
  });
});
