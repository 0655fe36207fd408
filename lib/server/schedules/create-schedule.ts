import "server-only";
import { retentionWords } from "@/lib/guest-backups/retention";
import { createScheduleSchema, type CreateScheduleInput, type SchedulePayload } from "@/lib/validations/schedules";
import { audited } from "../audit";
import { invalidFields } from "../http/errors";
import { fieldErrors } from "../http/route";
import { resolveGuest } from "../guests/guest-target";
import { scheduler } from "../jobs/scheduler";
import type { VerbContext } from "../verb-context";
import { checkScheduleAccess, SCHEDULE_KIND, scheduleLabel } from "./schedule-facts";

const actionWords = { snapshot: "Snapshot", backup: "Back up", start: "Start", shutdown: "Shut down" } as const;

/**
 * Makes a snapshot or power schedule for a guest or a tag, as one row of the jobs table that every
 * instance may claim when it comes (it runs once however many instances there are). An expression that
 * never comes, a guest libvirt does not know, or no right to do the action there is refused before
 * anything is stored.
 */
export async function createSchedule(ctx: VerbContext, input: CreateScheduleInput): Promise<{ id: string }> {
  const parsed = createScheduleSchema.safeParse(input);
  if (!parsed.success) throw invalidFields(fieldErrors(parsed.error));
  const { action, target, timing, keep, backup } = parsed.data;
  checkScheduleAccess(ctx.actor, action, target);
  const on = target.kind === "guest" ? (await resolveGuest(target.hostId, target.uuid)).dom.name : `guests tagged ${target.tag}`;
  const to = backup ? ` to ${backup.pool} (${backup.kind})` : "";
  const kept = keep ? `, ${retentionWords({ last: keep, ...backup?.retain })}` : "";
  const label = `${actionWords[action]} ${on}${to} (${timing.cron}, ${timing.timeZone})${kept}`;
  const payload: SchedulePayload = { action, target, keep, backup, cron: timing.cron, timeZone: timing.timeZone };
  let id = "";
  await audited(ctx, { action: "schedule.create", target: () => scheduleLabel(id), details: { label } }, async () => {
    id = await scheduler().schedule(SCHEDULE_KIND, { cron: timing.cron, tz: timing.timeZone }, payload, { ownerId: ctx.actor.id, label });
  });
  return { id };
}
