import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { BackupPointView } from "@/lib/guest-backups/types";
import { db } from "../db";
import type { VerbContext } from "../verb-context";
import { toView } from "./backup-facts";

/** The guest's catalogue, newest first; a point being taken carries its job's progress. */
export async function listBackups(_ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<BackupPointView[]> {
  const rows = await db().guestBackupPoint.findMany({ where: { hostId, guestUuid: uuid }, orderBy: { createdAt: "desc" } });
  const jobIds = rows.filter((r) => r.status === "running" && r.jobId).map((r) => r.jobId!);
  const running = jobIds.length ? await db().job.findMany({ where: { id: { in: jobIds } } }) : [];
  return rows.map((row) => {
    const job = running.find((j) => j.id === row.jobId);
    return toView(row, job ? { id: job.id, done: job.done, total: job.total } : null);
  });
}
