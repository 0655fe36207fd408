import "server-only";
import { z } from "zod";
import { cronAfter } from "@/lib/schedules/timing";

/**
 * When a scheduled kind runs: once at a time, every N milliseconds, or at the times a cron expression
 * matches in a time zone (lib/schedules/timing.ts). Stored as JSON in Job.rule, so a later rule is one
 * more member here and in `nextSlot`, with no migration.
 */
export const ruleSchema = z.union([
  z.object({ at: z.number().int() }).strict(),
  z.object({ everyMs: z.number().int().min(1_000) }).strict(),
  z.object({ cron: z.string().min(1), tz: z.string().min(1) }).strict(),
]);
export type ScheduleRule = z.infer<typeof ruleSchema>;

export const parseRule = (json: string | null): ScheduleRule | null => (json === null ? null : ruleSchema.parse(JSON.parse(json)));

/**
 * The first slot of a new schedule: its time (a past one runs at once), one interval from now, or the
 * expression's first time after now. An expression that never comes is refused here as a last guard
 * (the schedule verbs say so in plain words before).
 */
export function firstSlot(rule: ScheduleRule, now: number): number {
  if ("at" in rule) return rule.at;
  if ("everyMs" in rule) return now + rule.everyMs;
  const first = cronAfter(rule.cron, rule.tz, now);
  if (first === null) throw new Error(`The schedule "${rule.cron}" never comes`);
  return first;
}

/**
 * The slot after a run of `slot` that ended (or was found overdue) at `now`, or null when the rule does
 * not come again. The missed-run rule lives here: slots that passed while no instance ran the schedule
 * (all were down, or the previous run took longer than the interval) are not made up one by one — the
 * overdue slot runs once, and the next one is the first slot of the original grid (or the expression's
 * first time) after `now`.
 */
export function nextSlot(rule: ScheduleRule, slot: number, now: number): number | null {
  if ("at" in rule) return null;
  if ("cron" in rule) return cronAfter(rule.cron, rule.tz, Math.max(slot, now));
  const passed = Math.floor((now - slot) / rule.everyMs) + 1;
  return slot + Math.max(1, passed) * rule.everyMs;
}
