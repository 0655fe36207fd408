import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { GuestRef } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import { StorageVolume } from "@/lib/xml";
import { db } from "../db";
import { errorMessage } from "../jobs/job-row";
import { jobs, type JobHandle } from "../jobs/jobs";
import type { VerbContext } from "../verb-context";
import { followAllocation } from "../storage/follow-allocation";
import { changeGuest, refuseGuestChange, type GuestTarget } from "../guests/guest-target";
import { chainOf, findPoint, pointDisks, type PointRow } from "./backup-facts";
import { verifyNoteInEnglish, VerifyProblem, verifyProblem } from "./verify-note";

/**
 * Reads a point back and records the result on it: each of its files must still name the parent
 * point's file as its backing file and have the disk's size, and libvirt must be able to read the whole
 * chain (qemu-img convert on the host into a scratch raw file in the same pool, removed afterwards; a
 * missing, truncated or corrupt file in the chain fails the read).
 */
export async function verifyBackupPoint(ctx: VerbContext, { hostId, uuid, pointId }: GuestRef & { pointId: string }): Promise<JobView> {
  const change = { action: "guest.backup.verify" as const, hostId, uuid, details: { point: pointId } as Record<string, unknown> };
  const row = await findPoint(hostId, uuid, pointId).catch((err: unknown) => refuseGuestChange(ctx, change, err));
  return jobs().start(ctx.actor.id, "guest.backup.verify", jobLabel("verifyPoint", { guest: row.guestName }), (job) =>
    changeGuest(
      ctx,
      change,
      async (target, details) => {
        // The console's own findings by key (pages say them in their language); libvirt's refusal of the read as its text.
        const problem = await readBack(target, hostId, row, job).then(
          () => null,
          (err: unknown) => (err instanceof VerifyProblem ? err.note : errorMessage(err)),
        );
        const note = problem ?? { key: "readBack" as const, values: { disks: pointDisks(row).length, files: (await chainOf(row)).length } };
        const stored = typeof note === "string" ? note : JSON.stringify(note);
        await db().guestBackupPoint.update({
          where: { id: row.id },
          data: { verified: problem ? "failed" : "ok", verifyNote: stored, verifiedAt: new Date() },
        });
        const english = typeof note === "string" ? note : verifyNoteInEnglish(note);
        details.result = english;
        return { verified: problem ? "failed" : "ok", note: english };
      },
      { forJobs: true },
    ),
  );
}

async function readBack(target: GuestTarget, hostId: string, row: PointRow, job: JobHandle): Promise<void> {
  const { lv } = target;
  const chain = await chainOf(row);
  const pool = await lv.storage.lookupPool(row.pool);
  await lv.storage.refreshPool(pool);
  const disks = pointDisks(row);
  const total = disks.reduce((sum, d) => sum + d.capacityBytes, 0);
  let before = 0;
  for (const d of disks) {
    for (const [i, point] of chain.entries()) {
      const own = pointDisks(point).find((x) => x.target === d.target);
      if (!own) throw verifyProblem("pointNoFile", { date: point.createdAt.toISOString(), disk: d.target });
      const vol = await lv.storage.lookupVolume(pool, own.volume).catch(() => {
        throw verifyProblem("volumeMissing", { volume: own.volume, pool: row.pool });
      });
      const xml = StorageVolume.parse(await lv.storage.volumeXml(vol));
      if (xml.capacityBytes !== d.capacityBytes)
        throw verifyProblem("wrongSize", { volume: own.volume, actual: String(xml.capacityBytes), expected: String(d.capacityBytes) });
      const parent = chain[i + 1];
      const parentFile = parent && pointDisks(parent).find((x) => x.target === d.target)?.volume;
      if (parentFile && !xml.backingPath?.endsWith(`/${parentFile}`))
        throw xml.backingPath
          ? verifyProblem("wrongBacking", { volume: own.volume, parent: parentFile, backing: xml.backingPath })
          : verifyProblem("noBacking", { volume: own.volume, parent: parentFile });
      if (!parent && xml.backingPath) throw verifyProblem("fullHasBacking", { volume: own.volume, backing: xml.backingPath });
    }
    const scratch = `${d.volume}.verify`;
    const source = await lv.storage.lookupVolume(pool, d.volume);
    const stop = followAllocation({ lv, pool, hostName: target.hostName }, scratch, (bytes) =>
      job.progress(before + Math.min(bytes, d.capacityBytes), total),
    );
    try {
      const copy = await job.making({ kind: "volume", hostId, pool: row.pool, name: scratch }, () =>
        lv.storage.cloneVolume(pool, new StorageVolume({ name: scratch, capacityBytes: d.capacityBytes, format: "raw" }).toXml(), source),
      );
      await lv.storage.deleteVolume(copy);
    } finally {
      stop();
    }
    before += d.capacityBytes;
    job.progress(before, total);
  }
}
