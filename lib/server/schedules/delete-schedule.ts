import "server-only";
import { isAdmin } from "@/lib/roles";
import { audited } from "../audit";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";
import { scheduler } from "../jobs/scheduler";
import type { VerbContext } from "../verb-context";
import { SCHEDULE_KIND, scheduleLabel } from "./schedule-facts";

/** Removes a schedule (its owner, or an admin). One under way is refused until its run ends. */
export async function deleteSchedule(ctx: VerbContext, { id }: { id: string }): Promise<void> {
  const row = await db().job.findFirst({ where: { id, kind: SCHEDULE_KIND } });
  if (!row || (row.ownerId !== ctx.actor.id && !isAdmin(ctx.actor.grants))) throw notFound("schedule");
  await audited(ctx, { action: "schedule.delete", target: scheduleLabel(id), details: { label: row.label } }, async () => {
    if (row.status !== "scheduled") throw new ApiError(409, { key: "scheduleRunning" });
    await scheduler().unschedule(id);
  });
}
