import "server-only";
import { z } from "zod";

/**
 * When a scheduled kind runs: once at a time, or every N milliseconds. Stored as JSON in Job.rule, so a
 * later rule (`{ cron: "0 3 * * *" }`) is one more member here and in `nextSlot`, with no migration.
 */
export const ruleSchema = z.union([
  z.object({ at: z.number().int() }).strict(),
  z.object({ everyMs: z.number().int().min(1_000) }).strict(),
]);
export type ScheduleRule = z.infer<typeof ruleSchema>;

export const parseRule = (json: string | null): ScheduleRule | null => (json === null ? null : ruleSchema.parse(JSON.parse(json)));

/** The first slot of a new schedule: its time (a past one runs at once), or one interval from now. */
export function firstSlot(rule: ScheduleRule, now: number): number {
  return "at" in rule ? rule.at : now + rule.everyMs;
}

/**
 * The slot after a run of `slot` that ended (or was found overdue) at `now`, or null when the rule does
 * not come again. The missed-run rule lives here: slots that passed while no instance ran the schedule
 * (all were down, or the previous run took longer than the interval) are not made up one by one — the
 * overdue slot runs once, and the next one is the first slot of the original grid after `now`.
 */
export function nextSlot(rule: ScheduleRule, slot: number, now: number): number | null {
  if ("at" in rule) return null;
  const passed = Math.floor((now - slot) / rule.everyMs) + 1;
  return slot + Math.max(1, passed) * rule.everyMs;
}
