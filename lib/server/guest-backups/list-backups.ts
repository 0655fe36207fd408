import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { BackupPointView } from "@/lib/guest-backups/types";
import { db } from "../db";
import { readJobError } from "../jobs/job-error";
import type { VerbContext } from "../verb-context";
import { toView } from "./backup-facts";

/** A point still "running" without a job after this long lost its job before it was recorded. */
const UNSTARTED_MS = 60_000;
const LOST = "The console stopped before this backup finished; its files were removed";

/**
 * The guest's catalogue, newest first; a point being taken carries its job's progress. A point whose
 * job ended without saying so (its console instance died, and the job was taken over and failed) shows
 * as failed with the job's reason.
 */
export async function listBackups(_ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<BackupPointView[]> {
  const rows = await db().guestBackupPoint.findMany({ where: { hostId, guestUuid: uuid }, orderBy: { createdAt: "desc" } });
  const jobIds = rows.filter((r) => r.status === "running" && r.jobId).map((r) => r.jobId!);
  const jobRows = jobIds.length ? await db().job.findMany({ where: { id: { in: jobIds } } }) : [];
  return rows.map((row) => {
    if (row.status !== "running") return toView(row, null);
    const job = jobRows.find((j) => j.id === row.jobId);
    if (job?.status === "running") return toView(row, { id: job.id, done: job.done, total: job.total });
    if (!row.jobId && Date.now() - row.createdAt.getTime() < UNSTARTED_MS) return toView(row, null);
    const why = readJobError(job?.error);
    return { ...toView(row, null), status: "failed", ...why, error: why.error ?? LOST };
  });
}
