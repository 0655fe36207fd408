// What a person asks of a schedule: what it does, to which guests, when, and (snapshots) how many it keeps.
import { z } from "zod";
import { guestRefSchema } from "@/lib/guests/types";
import { timingSchema } from "@/lib/schedules/timing";
import { tagSchema } from "./tags";

export const scheduleActions = ["snapshot", "start", "shutdown"] as const;
export type ScheduleAction = (typeof scheduleActions)[number];

/** Most snapshots a schedule keeps. */
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
    /** Snapshot schedules: keep the last N they took (older ones are deleted after each run). */
    keep: z.number().int().min(1).max(KEEP_MAX).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.action === "snapshot" && s.keep === undefined)
      ctx.addIssue({ code: "custom", path: ["keep"], message: "Say how many snapshots to keep" });
    if (s.action !== "snapshot" && s.keep !== undefined)
      ctx.addIssue({ code: "custom", path: ["keep"], message: "Only snapshot schedules keep snapshots" });
  });
export type CreateScheduleInput = z.input<typeof createScheduleSchema>;
export type CreateSchedule = z.output<typeof createScheduleSchema>;

/** What a schedule row's payload holds (Job.payload). */
export type SchedulePayload = { action: ScheduleAction; target: ScheduleTarget; keep?: number; cron: string; timeZone: string };

/** Route params of /api/schedules/[id]. */
export const scheduleParamsSchema = z.object({ id: z.string().min(1).max(64) });
