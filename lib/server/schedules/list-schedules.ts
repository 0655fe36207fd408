import "server-only";
import { isAdmin } from "@/lib/roles";
import { cronTimes } from "@/lib/schedules/timing";
import type { ScheduleRunView, ScheduleView } from "@/lib/schedules/types";
import type { SchedulePayload } from "@/lib/validations/schedules";
import { db } from "../db";
import type { VerbContext } from "../verb-context";
import { SCHEDULE_KIND, SCHEDULE_RUN_ACTION, scheduleLabel } from "./schedule-facts";

const UPCOMING = 5;
const PAST = 10;

/** The actor's schedules (an admin's: everyone's), each with its next times and its latest runs from the audit log. */
export async function listSchedules(ctx: VerbContext): Promise<ScheduleView[]> {
  const rows = await db().job.findMany({
    where: { kind: SCHEDULE_KIND, rule: { not: null }, ...(isAdmin(ctx.actor.grants) ? {} : { ownerId: ctx.actor.id }) },
    orderBy: { startedAt: "asc" },
  });
  return Promise.all(
    rows.map(async (row): Promise<ScheduleView> => {
      const payload = JSON.parse(row.payload ?? "{}") as SchedulePayload;
      const runs = await db().auditLog.findMany({
        where: { action: SCHEDULE_RUN_ACTION, target: scheduleLabel(row.id) },
        orderBy: { at: "desc" },
        take: PAST,
      });
      const from = (row.runAt?.getTime() ?? Date.now()) - 1;
      return {
        id: row.id,
        label: row.label,
        action: payload.action,
        target: payload.target,
        cron: payload.cron,
        timeZone: payload.timeZone,
        ...(payload.keep ? { keep: payload.keep } : {}),
        ...(payload.backup ? { backup: payload.backup } : {}),
        running: row.status === "running",
        upcoming: cronTimes(payload.cron, payload.timeZone, from, UPCOMING),
        past: runs.map((r): ScheduleRunView => ({
          at: r.at.getTime(),
          result: r.result === "ok" ? "ok" : "error",
          summary: ((JSON.parse(r.details ?? "{}") as { summary?: string[] }).summary ?? []).map(String),
        })),
      };
    }),
  );
}
