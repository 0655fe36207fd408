import "server-only";
import type { BackupProblem } from "@/lib/guest-backups/types";
import { can, isAdmin } from "@/lib/roles";
import type { SchedulePayload } from "@/lib/validations/schedules";
import { db } from "../db";
import { SCHEDULE_KIND } from "../schedules/schedule-facts";
import { readJobError } from "../jobs/job-error";
import type { VerbContext } from "../verb-context";

/** A run not started this long after it came due is "missed" (no instance took it; every instance checks each few seconds). */
export const MISSED_AFTER_MS = 10 * 60_000;

type Found = {
  source: string;
  hostId: string;
  ref: string;
  name: string;
  status: string;
  error: string | null;
  at: Date | string | number | null;
  due: Date | string | number | null;
  payload: string | null;
  ownerId: string;
};

/**
 * Failed or missed backups for the dashboard, in one query: each guest's newest restore point when it
 * failed, and backup schedules whose last run failed (the jobs table keeps a recurring run's error until
 * its next run) or whose run is overdue. Guests the person may not see, and other people's schedules
 * (unless they are an admin), are left out.
 */
export async function backupProblems(ctx: VerbContext, now = Date.now()): Promise<BackupProblem[]> {
  const rows = await db().$queryRaw<Found[]>`
    SELECT 'point' AS "source", p."hostId" AS "hostId", p."guestUuid" AS "ref", p."guestName" AS "name", p."status" AS "status",
           p."error" AS "error", p."createdAt" AS "at", NULL AS "due", NULL AS "payload", '' AS "ownerId"
      FROM "GuestBackupPoint" p
     WHERE p."status" = 'failed'
       AND NOT EXISTS (SELECT 1 FROM "GuestBackupPoint" q
                        WHERE q."hostId" = p."hostId" AND q."guestUuid" = p."guestUuid" AND q."createdAt" > p."createdAt")
    UNION ALL
    SELECT 'schedule', '', j."id", j."label", j."status", j."error", j."finishedAt", j."runAt", j."payload", j."ownerId"
      FROM "Job" j
     WHERE j."kind" = ${SCHEDULE_KIND} AND j."payload" LIKE '%"action":"backup"%'
       AND (j."error" IS NOT NULL OR j."status" = 'scheduled')`;
  const { grants, id: actorId } = ctx.actor;
  const sees = (hostId: string, uuid: string) => can(grants, "guest.view", { kind: "guest", hostId, guestUuid: uuid });
  const found: BackupProblem[] = [];
  // Both columns hold a job's error as stored (by key when the console said it): English and the words.
  const why = (stored: string | null) => {
    const read = readJobError(stored);
    return { ...read, error: read.error ?? "" };
  };
  for (const r of rows) {
    const time = (v: Found["at"]) => (v === null ? 0 : new Date(v).getTime());
    const at = time(r.at);
    if (r.source === "point") {
      if (sees(r.hostId, r.ref)) found.push({ kind: "failed", hostId: r.hostId, uuid: r.ref, guestName: r.name, ...why(r.error), at });
      continue;
    }
    if (r.ownerId !== actorId && !isAdmin(grants)) continue;
    const target = (JSON.parse(r.payload ?? "{}") as SchedulePayload).target;
    const guest = target?.kind === "guest" ? { hostId: target.hostId, uuid: target.uuid } : null;
    const due = time(r.due);
    if (r.status === "scheduled" && due > 0 && due < now - MISSED_AFTER_MS)
      found.push({ kind: "schedule-missed", scheduleId: r.ref, label: r.name, guest, error: null, at: due });
    else if (r.error) found.push({ kind: "schedule-failed", scheduleId: r.ref, label: r.name, guest, ...why(r.error), at });
  }
  return found.sort((a, b) => b.at - a.at);
}
