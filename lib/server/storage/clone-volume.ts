import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { JobView } from "@/lib/jobs/types";
import { StorageVolume } from "@/lib/xml";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { jobs } from "../jobs/jobs";
import { followAllocation } from "./follow-allocation";
import { resolvePool, resolveVolume, storageLabel, type VolumeInput } from "./storage-target";
import { checkSpace } from "./volume-space";

/** A full copy of a volume in the same pool, as a job whose progress follows the copy's allocation; a half copy is deleted again. */
export async function cloneVolume(
  ctx: VerbContext,
  { hostId, pool: poolName, volume: sourceName, name }: VolumeInput & { name: string },
): Promise<JobView> {
  const target = await resolvePool(hostId, poolName);
  const source = await resolveVolume(target, sourceName);
  if ((await target.lv.storage.listVolumes(target.pool)).some((v) => v.name === name)) {
    throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name } }, { name: { key: "nameTaken" } });
  }
  const [original, info, poolInfo] = await Promise.all([
    target.lv.storage.volumeXml(source).then((x) => StorageVolume.parse(x)),
    target.lv.storage.volumeInfo(source),
    target.lv.storage.poolInfo(target.pool),
  ]);
  const allocation = Number(info.allocation);
  checkSpace(Number(poolInfo.available), { capacityBytes: allocation, allocationBytes: allocation, overcommit: false });
  const xml = new StorageVolume({ name, capacityBytes: Number(info.capacity), format: original.format ?? "raw" }).toXml();

  const label = await storageLabel(hostId, `${poolName}/${name}`);
  return jobs().start(
    ctx.actor.id,
    "volume.clone",
    jobLabel("volumeClone", { source: sourceName, name }),
    (job) =>
      audited(ctx, { action: "volume.clone", target: label, details: { from: sourceName } }, async () => {
        const jobsConnection = await resolvePool(hostId, poolName, { forJobs: true });
        const from = await resolveVolume(jobsConnection, sourceName);
        job.progress(0, allocation);
        const stop = followAllocation(target, name, (bytes) => job.progress(Math.min(bytes, allocation)));
        try {
          await job.making({ kind: "volume", hostId, pool: poolName, name }, () =>
            jobsConnection.lv.storage.cloneVolume(jobsConnection.pool, xml, from),
          );
        } finally {
          stop();
        }
        job.progress(allocation);
        return { name };
      }),
    { target: `storage:${hostId}/${poolName}/${name}` },
  );
}
