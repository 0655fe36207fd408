// Which restore points a backup schedule keeps (shared by the schedule form, its API and the run that prunes).
import { z } from "zod";

/**
 * Beyond the last N: how many days, ISO weeks (Monday to Sunday) and months keep their newest point.
 * Each counts the most recent periods that HAVE a point (as restic and borg do), so a pause in backups
 * never makes the daily rule drop everything. 0 (or left out) switches a rule off.
 */
export const retentionPeriods = ["daily", "weekly", "monthly"] as const;
export type RetentionPeriod = (typeof retentionPeriods)[number];

/** The most periods each rule may keep: two years of days, five of weeks, ten of months. */
export const RETAIN_MAX: Record<RetentionPeriod, number> = { daily: 731, weekly: 260, monthly: 120 };

const periodCount = (p: RetentionPeriod) => z.number().int().min(0).max(RETAIN_MAX[p]).optional();
export const retainSchema = z
  .object({ daily: periodCount("daily"), weekly: periodCount("weekly"), monthly: periodCount("monthly") })
  .strict();
export type Retain = z.infer<typeof retainSchema>;

/** The whole rule a run applies: the last N, plus the periods (a point kept by any rule stays). */
export type RetentionRule = { last: number } & Retain;

export type RetainedPoint = { id: string; createdAt: number };

/** The point's calendar day in the time zone, as [year, month (1-12), day]. */
function localDate(at: number, timeZone: string): [number, number, number] {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [part("year"), part("month"), part("day")];
}

/** ISO 8601 week of a calendar date: the week belongs to the year of its Thursday. */
function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The period a point falls in, read in the schedule's time zone. */
export function periodOf(at: number, period: RetentionPeriod, timeZone: string): string {
  const [y, m, d] = localDate(at, timeZone);
  if (period === "weekly") return isoWeek(y, m, d);
  return period === "monthly" ? `${y}-${m}` : `${y}-${m}-${d}`;
}

/** The ids of the points a rule keeps. */
export function pointsToKeep(points: readonly RetainedPoint[], rule: RetentionRule, timeZone: string): Set<string> {
  const newest = [...points].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  const keep = new Set(newest.slice(0, Math.max(0, rule.last)).map((p) => p.id));
  for (const period of retentionPeriods) {
    const count = rule[period] ?? 0;
    const seen = new Set<string>();
    for (const p of newest) {
      if (seen.size >= count) break;
      const key = periodOf(p.createdAt, period, timeZone);
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(p.id);
    }
  }
  return keep;
}

/** The ids of the points a rule prunes, oldest first (so each removal merges into a child that stays). */
export function pointsToPrune(points: readonly RetainedPoint[], rule: RetentionRule, timeZone: string): string[] {
  const keep = pointsToKeep(points, rule, timeZone);
  return [...points]
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .filter((p) => !keep.has(p.id))
    .map((p) => p.id);
}

/** The rule in a few words: "keep 7, 7 daily, 4 weekly, 6 monthly". */
export function retentionWords(rule: RetentionRule): string {
  const periods = retentionPeriods.filter((p) => (rule[p] ?? 0) > 0).map((p) => `${rule[p]} ${p}`);
  return [`keep ${rule.last}`, ...periods].join(", ");
}
