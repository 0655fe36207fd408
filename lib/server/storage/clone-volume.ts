import "server-only";
import type { JobView } from "@/lib/jobs/types";
import { StorageVolume } from "@/lib/xml";
import type { Actor } from "../auth/session";
import { ApiError } from "../http/errors";
import { jobs } from "../jobs/jobs";
import { followAllocation } from "./follow-allocation";
import { auditedStorageChange, resolvePool, resolveVolume } from "./storage-target";
import { checkSpace } from "./volume-space";

/** A full copy of a volume in the same pool, as a job whose progress follows the copy's allocation; a half copy is deleted again. */
export async function cloneVolume(
  actor: Actor,
  ip: string,
  hostId: string,
  poolName: string,
  sourceName: string,
  name: string,
): Promise<JobView> {
  const target = await resolvePool(hostId, poolName);
  const source = await resolveVolume(target, sourceName);
  if ((await target.lv.storage.listVolumes(target.pool)).some((v) => v.name === name)) {
    throw new ApiError(409, `${poolName} already has a volume named ${name}`, { name: "This name is taken" });
  }
  const [original, info, poolInfo] = await Promise.all([
    target.lv.storage.volumeXml(source).then((x) => StorageVolume.parse(x)),
    target.lv.storage.volumeInfo(source),
    target.lv.storage.poolInfo(target.pool),
  ]);
  const allocation = Number(info.allocation);
  checkSpace(Number(poolInfo.available), { capacityBytes: allocation, allocationBytes: allocation, overcommit: false });
  const xml = new StorageVolume({ name, capacityBytes: Number(info.capacity), format: original.format ?? "raw" }).toXml();

  return jobs().start(
    actor.id,
    "volume.clone",
    `Cloning ${sourceName} to ${name}`,
    (job) =>
      auditedStorageChange(
        { actor, ip, action: "volume.clone", hostId, target: `${poolName}/${name}`, details: { from: sourceName } },
        async () => {
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
        },
      ),
    { target: `storage:${hostId}/${poolName}/${name}` },
  );
}
