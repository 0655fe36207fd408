import { describe, expect, it } from "vitest";
import { firstSlot, nextSlot, ruleSchema } from "@/lib/server/jobs/schedule-rules";
import { cronProblem, cronTimes, PRESETS, timingSchema } from "@/lib/schedules/timing";
import { issueText } from "../../helpers/issue-text";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(iso);

describe("cron times in a time zone", () => {
  it("a daily preset comes at 03:00 in the chosen zone, in winter and in summer time", () => {
    const { cron } = PRESETS.daily;
    expect(cronTimes(cron, "Europe/Berlin", utc("2027-01-10T12:00:00Z"), 2)).toEqual([
      utc("2027-01-11T02:00:00Z"),
      utc("2027-01-12T02:00:00Z"),
    ]);
    expect(cronTimes(cron, "Europe/Berlin", utc("2027-07-10T12:00:00Z"))).toEqual([utc("2027-07-11T01:00:00Z")]);
    expect(cronTimes(cron, "UTC", utc("2027-07-10T12:00:00Z"))).toEqual([utc("2027-07-11T03:00:00Z")]);
  });

  it("a weekly preset comes on Sundays; an expression of one's own on the weekdays it names", () => {
    // 2027-01-10 is a Sunday.
    expect(cronTimes(PRESETS.weekly.cron, "America/New_York", utc("2027-01-06T00:00:00Z"), 2)).toEqual([
      utc("2027-01-10T08:00:00Z"),
      utc("2027-01-17T08:00:00Z"),
    ]);
    expect(cronTimes("15 18 * * 1-5", "Asia/Tokyo", utc("2027-01-08T12:00:00Z"), 2)).toEqual([
      utc("2027-01-11T09:15:00Z"),
      utc("2027-01-12T09:15:00Z"),
    ]);
  });

  it("an expression that never comes, or is not one, or a zone that does not exist, is refused in plain words", () => {
    expect(cronProblem("0 0 30 2 *", "UTC")).toEqual({ key: "cronNeverComes", values: { years: 5, cron: "0 0 30 2 *" } });
    expect(cronProblem("61 * * * *", "UTC")).toMatchObject({ key: "cronNotFiveFields", values: { detail: expect.any(String) } });
    expect(cronProblem("0 3 * * *", "UTC")).toBeNull();
    const feb30 = timingSchema.safeParse({ cron: "0 0 30 2 *", timeZone: "UTC" });
    expect(feb30.success).toBe(false);
    expect(feb30.error?.issues.map((i) => i.message)).toEqual(["cronNeverComes"]);
    expect(issueText(timingSchema.safeParse({ preset: "daily", timeZone: "Mars/Olympus" }).error?.issues[0])).toBe("Not a time zone");
    expect(timingSchema.safeParse({}).success).toBe(false);
    expect(timingSchema.safeParse({ preset: "daily", cron: "0 3 * * *" }).success).toBe(false);
    expect(timingSchema.parse({ preset: "hourly", timeZone: "Europe/Paris" })).toEqual({ cron: "0 * * * *", timeZone: "Europe/Paris" });
  });
});

describe("cron rules on the jobs table", () => {
  const rule = { cron: PRESETS.daily.cron, tz: "UTC" };

  it("is one more rule member: a cron rule needs its zone", () => {
    expect(ruleSchema.safeParse(rule).success).toBe(true);
    expect(ruleSchema.safeParse({ cron: "* * * * *" }).success).toBe(false);
  });

  it("the first slot is the first matching time after now; after a run on time, the next match follows", () => {
    const now = utc("2027-03-01T10:00:00Z");
    const slot = firstSlot(rule, now);
    expect(slot).toBe(utc("2027-03-02T03:00:00Z"));
    expect(nextSlot(rule, slot, slot + 5 * 60_000)).toBe(slot + DAY);
    expect(() => firstSlot({ cron: "0 0 30 2 *", tz: "UTC" }, now)).toThrow(/never comes/);
  });

  it("missed slots run once, never as a burst: after three days down the next slot is the first match after now", () => {
    const slot = utc("2027-03-02T03:00:00Z");
    expect(nextSlot(rule, slot, slot + 3 * DAY + 7 * HOUR)).toBe(slot + 4 * DAY);
    // A clock behind the slot (another machine's) still moves forward.
    expect(nextSlot(rule, slot, slot - HOUR)).toBe(slot + DAY);
  });
});
