import "server-only";
import type { RetentionRule } from "@/lib/guest-backups/retention";
import type { GuestRef } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import { backUpGuestSchema, type BackUpGuestInput } from "@/lib/validations/guest-backups";
import { db } from "../db";
import { newId } from "../ids";
import { storedJobError } from "../jobs/job-error";
import { errorMessage } from "../jobs/job-row";
import { jobs } from "../jobs/jobs";
import type { VerbContext } from "../verb-context";
import { changeGuest, refuseGuestChange, resolveGuest } from "../guests/guest-target";
import { BACKUP_JOB_KIND, checkpointName, guestJobTarget } from "./backup-facts";
import { planBackup } from "./plan-backup";
import { pruneByRule } from "./remove-point";
import { takePoint } from "./take-point";

/**
 * "Back up now" (and a backup schedule's run): a full or incremental restore point of the guest in a
 * directory pool of its host, as a job. The catalogue row is written when the job starts, so the page
 * shows the point with the job's progress; a failed backup keeps its row with the reason (and an error
 * row in the audit log), while the files it made are removed. `retention` (schedules) then prunes the points its rule does not keep.
 */
export async function backUpGuest(
  ctx: VerbContext,
  { hostId, uuid, retention, ...raw }: GuestRef & BackUpGuestInput & { retention?: { rule: RetentionRule; timeZone: string } },
): Promise<JobView> {
  const input = backUpGuestSchema.parse(raw);
  const change = {
    action: "guest.backup" as const,
    hostId,
    uuid,
    details: { pool: input.pool, kind: input.kind } as Record<string, unknown>,
  };
  const watch = await resolveGuest(hostId, uuid).catch((err: unknown) => refuseGuestChange(ctx, change, err));
  const plan = await planBackup(watch, hostId, uuid, input).catch((err: unknown) => refuseGuestChange(ctx, change, err));
  const name = watch.dom.name;

  // The point is in the catalogue before its job starts, so the page shows it (and its bar) from the first reading.
  const id = newId();
  const at = new Date();
  await db().guestBackupPoint.create({
    data: {
      id,
      hostId,
      guestUuid: uuid,
      guestName: name,
      pool: input.pool,
      kind: input.kind,
      parentId: plan.parent?.id ?? null,
      status: "running",
      definition: plan.definition,
      consistency: plan.live ? "crash-consistent" : "shut-off",
      createdAt: at,
    },
  });
  const label = `${input.kind === "full" ? "Full" : "Incremental"} backup of ${name} to ${input.pool}`;
  const view = await jobs()
    .start(
      ctx.actor.id,
      BACKUP_JOB_KIND,
      label,
      (job) =>
        changeGuest(
          ctx,
          change,
          async (target, details) => {
            details.point = id;
            try {
              const taken = await takePoint(target, hostId, plan, at, checkpointName(id), job);
              await target.lv.storage.refreshPool(plan.pool.ref).catch(() => undefined);
              let size = 0;
              for (const d of taken.disks) {
                const vol = await target.lv.storage.lookupVolume(plan.pool.ref, d.volume);
                size += Number((await target.lv.storage.volumeInfo(vol)).allocation);
              }
              details.consistency = taken.consistency;
              if (taken.note) details.noCheckpoint = taken.note;
              await db().guestBackupPoint.update({
                where: { id },
                data: {
                  status: "done",
                  disks: JSON.stringify(taken.disks),
                  sizeBytes: size,
                  durationMs: Date.now() - at.getTime(),
                  checkpoint: taken.checkpoint,
                  consistency: taken.consistency,
                  finishedAt: new Date(),
                },
              });
            } catch (err) {
              // libvirt makes the checkpoint as the backup starts; a backup that then fails must not leave it as a base.
              await target.lv.backups
                .lookupCheckpoint(target.dom, checkpointName(id))
                .then((cp) => target.lv.backups.deleteCheckpoint(cp))
                .catch(() => undefined);
              await failPoint(id, at, err);
              throw err;
            }
            const pruned = retention ? await pruneByRule(target, hostId, uuid, retention, job) : [];
            if (pruned.length) details.pruned = pruned;
            return { point: id, pruned };
          },
          { forJobs: true },
        ).catch(async (err: unknown) => {
          // Failed before the backup began (the guest went away): the point still says why.
          await failPoint(id, at, err, { onlyRunning: true });
          throw err;
        }),
      { target: guestJobTarget(hostId, uuid) },
    )
    .catch(async (err: unknown) => {
      await db().guestBackupPoint.delete({ where: { id } });
      throw err;
    });
  await db().guestBackupPoint.update({ where: { id }, data: { jobId: view.id } });
  return view;
}

async function failPoint(id: string, at: Date, err: unknown, { onlyRunning = false } = {}): Promise<void> {
  await db().guestBackupPoint.updateMany({
    where: { id, ...(onlyRunning ? { status: "running" } : {}) },
    // Stored as a job's error is (by key when the console said it), read back by readJobError.
    data: {
      status: "failed",
      error: storedJobError(err, errorMessage(err)),
      durationMs: Date.now() - at.getTime(),
      finishedAt: new Date(),
    },
  });
}
