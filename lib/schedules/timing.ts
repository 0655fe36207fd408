import { Cron } from "croner";
import { z } from "zod";
import { addProblem, type Problem } from "@/lib/validations/messages";

/**
 * When a schedule of the console comes: a preset or a cron expression (five fields: minute, hour, day of
 * month, month, day of week), read in a time zone. The expressions are croner's; a day of month and a day
 * of week both given match when either does, as in cron.
 */
export const PRESETS = {
  hourly: { cron: "0 * * * *" },
  daily: { cron: "0 3 * * *" },
  weekly: { cron: "0 3 * * 0" },
} as const;
export type Preset = keyof typeof PRESETS;

/** How far ahead a schedule must come at least once: an expression that matches no day in this time (30 February) is refused. */
const HORIZON_YEARS = 5;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The console's own time zone: where "03:00" is read when no zone is chosen. */
export const consoleTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function cronOf(cron: string, timeZone: string): Cron {
  return new Cron(cron, { timezone: timeZone, paused: true, mode: "5-part" });
}

/**
 * Why an expression is not a schedule (null when it is one): not five fields croner reads (croner's own words
 * kept as the detail), or no time it ever matches.
 */
export function cronProblem(cron: string, timeZone: string, from = Date.now()): Problem | null {
  let job: Cron;
  try {
    job = cronOf(cron, timeZone);
  } catch (err) {
    return { key: "cronNotFiveFields", values: { detail: err instanceof Error ? err.message : String(err) } };
  }
  const next = job.nextRun(new Date(from));
  const horizon = new Date(from);
  horizon.setUTCFullYear(horizon.getUTCFullYear() + HORIZON_YEARS);
  if (!next || next > horizon) return { key: "cronNeverComes", values: { years: HORIZON_YEARS, cron } };
  return null;
}

/** The first `count` times the expression matches after `after` (milliseconds), in order. */
export function cronTimes(cron: string, timeZone: string, after: number, count = 1): number[] {
  return cronOf(cron, timeZone)
    .nextRuns(count, new Date(after))
    .map((d) => d.getTime());
}

/** The first time after `after`, or null when none comes. */
export const cronAfter = (cron: string, timeZone: string, after: number): number | null => cronTimes(cron, timeZone, after, 1)[0] ?? null;

/** What a person picks: a preset or their own expression, and a time zone (the console's when left out). */
export const timingSchema = z
  .object({
    preset: z.enum(Object.keys(PRESETS) as [Preset, ...Preset[]]).optional(),
    cron: z.string().trim().max(200).optional(),
    timeZone: z.string().trim().max(100).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if ((t.preset === undefined) === (t.cron === undefined || t.cron === "")) addProblem(ctx, { key: "chooseCronPreset" }, ["cron"]);
    if (t.timeZone && !isTimeZone(t.timeZone)) addProblem(ctx, { key: "notTimeZone" }, ["timeZone"]);
  })
  .transform((t, ctx) => {
    const cron = t.preset ? PRESETS[t.preset].cron : t.cron!;
    const timeZone = t.timeZone || consoleTimeZone();
    const problem = cronProblem(cron, timeZone);
    if (problem) addProblem(ctx, problem, ["cron"]);
    return { cron, timeZone };
  });
export type TimingInput = z.input<typeof timingSchema>;
export type Timing = z.output<typeof timingSchema>;
