import "server-only";
import type { BackupConsistency, BackupKind, BackupPointDisk, BackupPointView } from "@/lib/guest-backups/types";
import type { Libvirt } from "@/lib/libvirt";
import type { PoolRef, VolumeRef } from "@/lib/libvirt/api/storage";
import { db, type Db } from "../db";
import { ApiError, notFound } from "../http/errors";
import { readJobError } from "../jobs/job-error";
import { readVerifyNote } from "./verify-note";

/** The jobs-table kind of a backup; one of these running on a guest refuses a second. */
export const BACKUP_JOB_KIND = "guest.backup";

export type PointRow = NonNullable<Awaited<ReturnType<Db["guestBackupPoint"]["findUnique"]>>>;

export const pointDisks = (row: PointRow): BackupPointDisk[] => JSON.parse(row.disks) as BackupPointDisk[];

/** How the jobs table names the guest a job works on (clone and backup jobs alike). */
export const guestJobTarget = (hostId: string, uuid: string) => `guest:${hostId}/${uuid}`;

/** A restore point's volume name: guest, time (UTC, to the second) and disk, so a pool listing sorts and reads well. */
export function pointVolumeName(guestName: string, at: Date, target: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${guestName}.backup-${stamp}.${target}.qcow2`;
}

/** Every qcow2 file a backup or restore makes is version 3, like every other qcow2 volume the console makes. */
export { QCOW2_V3 } from "@/lib/xml";

/** The checkpoint taken with a point; the next incremental backup starts from it. */
export const checkpointName = (pointId: string) => `console-backup-${pointId}`;

export function toView(row: PointRow, job: { id: string; done: number; total: number } | null): BackupPointView {
  // Stored as a job's error (by key when the console said it): English, and the words for the page.
  const why = readJobError(row.error);
  return {
    id: row.id,
    pool: row.pool,
    kind: row.kind as BackupKind,
    parentId: row.parentId,
    status: row.status as BackupPointView["status"],
    ...why,
    error: why.error ?? null,
    disks: pointDisks(row),
    sizeBytes: row.sizeBytes,
    durationMs: row.durationMs,
    consistency: row.consistency as BackupConsistency,
    hasCheckpoint: row.checkpoint !== null,
    verified: (row.verified as BackupPointView["verified"]) ?? null,
    ...readVerifyNote(row.verifyNote),
    createdAt: row.createdAt.getTime(),
    job,
  };
}

/** A finished point of this guest, or 404. */
export async function findPoint(hostId: string, uuid: string, pointId: string): Promise<PointRow> {
  const row = await db().guestBackupPoint.findFirst({ where: { id: pointId, hostId, guestUuid: uuid } });
  if (!row) throw notFound("restorePoint");
  if (row.status !== "done") throw new ApiError(409, { key: "backupUnfinished" });
  return row;
}

/** The point and its ancestors, newest first: what a restore of the point reads. */
export async function chainOf(row: PointRow): Promise<PointRow[]> {
  const chain = [row];
  for (let at = row; at.parentId;) {
    const parent = await db().guestBackupPoint.findUnique({ where: { id: at.parentId } });
    if (!parent) throw new ApiError(409, { key: "chainBroken" });
    chain.push(parent);
    at = parent;
  }
  return chain;
}

/** Refused while a backup of the guest runs (libvirt allows one job per guest, and the catalogue one chain). */
export async function refuseWhileBackingUp(hostId: string, uuid: string, guestName: string): Promise<void> {
  const running = await db().job.findFirst({ where: { kind: BACKUP_JOB_KIND, target: guestJobTarget(hostId, uuid), status: "running" } });
  if (running) throw new ApiError(409, { key: "backupRunning", values: { guest: guestName } });
}

/** A point's volume in its pool. */
export async function pointVolume(lv: Libvirt, pool: PoolRef, name: string): Promise<VolumeRef> {
  return lv.storage.lookupVolume(pool, name).catch(() => {
    throw new ApiError(409, { key: "backupFileGone", values: { name } });
  });
}
