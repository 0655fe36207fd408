// What a person asks of a schedule: what it does, to which guests, when, and (snapshots) how many it keeps.
import { z } from "zod";
import { addProblem } from "@/lib/validations/messages";
import { guestRefSchema } from "@/lib/guests/types";
import { timingSchema } from "@/lib/schedules/timing";
import { retainSchema } from "@/lib/guest-backups/retention";
import { backupKinds } from "@/lib/guest-backups/types";
import { nameSchema } from "./names";
import { tagSchema } from "./tags";

export const scheduleActions = ["snapshot", "backup", "start", "shutdown"] as const;
export type ScheduleAction = (typeof scheduleActions)[number];

/** Actions that keep the last N of what they make (snapshots, restore points). */
export const keepingActions: readonly ScheduleAction[] = ["snapshot", "backup"];

/**
 * Backup schedules: where the restore points go, whether each run is full or incremental, and which
 * older points stay besides the last N (`keep`): the newest of each of so many days, weeks and months.
 */
export const scheduleBackupSchema = z
  .object({ pool: nameSchema("pool"), kind: z.enum(backupKinds), retain: retainSchema.optional() })
  .strict();

/** Most snapshots or restore points a schedule keeps. */
export const KEEP_MAX = 100;

export const scheduleTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("guest"), hostId: guestRefSchema.shape.hostId, uuid: guestRefSchema.shape.uuid }).strict(),
  z.object({ kind: z.literal("tag"), tag: tagSchema }).strict(),
]);
export type ScheduleTarget = z.infer<typeof scheduleTargetSchema>;

export const createScheduleSchema = z
  .object({
    action: z.enum(scheduleActions),
    target: scheduleTargetSchema,
    timing: timingSchema,
    /** Snapshot and backup schedules: keep the last N they took (older ones are deleted after each run). */
    keep: z.number().int().min(1).max(KEEP_MAX).optional(),
    backup: scheduleBackupSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const keeps = keepingActions.includes(s.action);
    if (keeps && s.keep === undefined) addProblem(ctx, { key: "sayKeepCount", values: { what: s.action } }, ["keep"]);
    if (!keeps && s.keep !== undefined) addProblem(ctx, { key: "onlyKeepingKeep" }, ["keep"]);
    if (s.action === "backup" && !s.backup) addProblem(ctx, { key: "chooseBackupPool" }, ["backup", "pool"]);
    if (s.action !== "backup" && s.backup) addProblem(ctx, { key: "onlyBackupPool" }, ["backup"]);
  });
export type CreateScheduleInput = z.input<typeof createScheduleSchema>;
export type CreateSchedule = z.output<typeof createScheduleSchema>;

/** What a schedule row's payload holds (Job.payload). */
export type SchedulePayload = {
  action: ScheduleAction;
  target: ScheduleTarget;
  keep?: number;
  backup?: z.infer<typeof scheduleBackupSchema>;
  cron: string;
  timeZone: string;
};

/** Route params of /api/schedules/[id]. */
export const scheduleParamsSchema = z.object({ id: z.string().min(1).max(64) });
