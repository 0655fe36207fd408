import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { JobView } from "@/lib/jobs/types";
import type { CreateVolumeInput } from "@/lib/validations/storage";
import { newVolumeCompat, StorageVolume } from "@/lib/xml";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { jobs } from "../jobs/jobs";
import { followAllocation } from "./follow-allocation";
import { resolvePool, resolveVolume, storageLabel, type PoolInput } from "./storage-target";
import { checkSpace } from "./volume-space";

/** What the new volume's XML says: sizes, format, and for an overlay its base. */
async function volumeXml(target: Awaited<ReturnType<typeof resolvePool>>, input: CreateVolumeInput): Promise<string> {
  const volume = new StorageVolume({
    name: input.name,
    capacityBytes: input.capacityBytes,
    allocationBytes: input.allocateNow ? input.capacityBytes : 0,
    format: input.format,
    compat: newVolumeCompat(input.format),
  });
  if (input.backingVolume) {
    const base = StorageVolume.parse(await target.lv.storage.volumeXml(await resolveVolume(target, input.backingVolume)));
    volume.backingPath = base.targetPath;
    volume.backingFormat = base.format ?? "raw";
  }
  return volume.toXml();
}

/**
 * Checks name and space, then creates the volume as a job on the host's jobs connection (writing a
 * fully allocated volume can take minutes); the job's progress follows the new volume's allocation.
 * A volume left half written (the job failed, or its console instance died) is deleted again.
 */
export async function createVolume(
  ctx: VerbContext,
  { hostId, pool: poolName, ...input }: PoolInput & CreateVolumeInput,
): Promise<JobView> {
  const target = await resolvePool(hostId, poolName);
  if ((await target.lv.storage.listVolumes(target.pool)).some((v) => v.name === input.name)) {
    throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name: input.name } }, { name: { key: "nameTaken" } });
  }
  const info = await target.lv.storage.poolInfo(target.pool);
  const allocationBytes = input.allocateNow ? input.capacityBytes : 0;
  checkSpace(Number(info.available), { capacityBytes: input.capacityBytes, allocationBytes, overcommit: input.overcommit });
  const xml = await volumeXml(target, input);
  const details = {
    format: input.format,
    capacityBytes: input.capacityBytes,
    allocateNow: input.allocateNow,
    backingVolume: input.backingVolume,
  };

  const label = await storageLabel(hostId, `${poolName}/${input.name}`);
  return jobs().start(
    ctx.actor.id,
    "volume.create",
    jobLabel("volumeCreate", { name: input.name, pool: poolName }),
    (job) =>
      audited(ctx, { action: "volume.create", target: label, details }, async () => {
        const jobsConnection = await resolvePool(hostId, poolName, { forJobs: true });
        job.progress(0, allocationBytes);
        const stop = followAllocation(target, input.name, (bytes) => job.progress(Math.min(bytes, allocationBytes)));
        try {
          await job.making({ kind: "volume", hostId, pool: poolName, name: input.name }, () =>
            jobsConnection.lv.storage.createVolume(jobsConnection.pool, xml),
          );
        } finally {
          stop();
        }
        job.progress(allocationBytes);
        return { name: input.name };
      }),
    { target: `storage:${hostId}/${poolName}/${input.name}` },
  );
}
