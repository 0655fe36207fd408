import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { GuestRef } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import { db } from "../db";
import { notFound } from "../http/errors";
import { jobs } from "../jobs/jobs";
import type { VerbContext } from "../verb-context";
import { changeGuest, refuseGuestChange, resolveGuest } from "../guests/guest-target";
import { BACKUP_JOB_KIND, guestJobTarget, refuseWhileBackingUp } from "./backup-facts";
import { refuseWhileAttached } from "./recovery-disks";
import { removePoint } from "./remove-point";

/** Deletes a restore point as a job (a point others build on is merged into its child first, which copies). */
export async function deleteBackupPoint(ctx: VerbContext, { hostId, uuid, pointId }: GuestRef & { pointId: string }): Promise<JobView> {
  const change = { action: "guest.backup.delete" as const, hostId, uuid, details: { point: pointId } };
  const { row, name } = await (async () => {
    const row = await db().guestBackupPoint.findFirst({ where: { id: pointId, hostId, guestUuid: uuid } });
    if (!row) throw notFound("restorePoint");
    const { dom } = await resolveGuest(hostId, uuid);
    await refuseWhileBackingUp(hostId, uuid, dom.name);
    if (row.status !== "failed") await refuseWhileAttached(row);
    return { row, name: dom.name };
  })().catch((err: unknown) => refuseGuestChange(ctx, change, err));
  // A backup job by kind: while it changes the chain, no backup of the guest starts, and the other way round.
  return jobs().start(
    ctx.actor.id,
    BACKUP_JOB_KIND,
    jobLabel("deletePoint", { guest: name }),
    (job) => changeGuest(ctx, change, (target) => removePoint(target, row, job), { forJobs: true }),
    { target: guestJobTarget(hostId, uuid) },
  );
}
