import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import { withSaveSuffix } from "@/lib/guests/saved-state";
import type { JobView } from "@/lib/jobs/types";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { ApiError } from "../../http/errors";
import { jobs } from "../../jobs/jobs";
import { checkSpace } from "../../storage/volume-space";
import { changeGuest, refuseGuestChange, resolveGuest } from "../guest-target";
import { directoryPool, fileInPool } from "./directory-pools";
import { followDomainJob } from "./follow-job";

/**
 * "Save to file" (virsh save): the running guest's memory goes to a file in a directory pool and the
 * guest stops. A job, because writing gigabytes of memory takes a while; progress from the domain job.
 */
export async function saveGuest(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & { pool: string; file: string }): Promise<JobView> {
  const file = withSaveSuffix(input.file);
  const change = { action: "guest.save" as const, hostId, uuid, details: { pool: input.pool, file } };
  const { lv, dom, pool } = await (async () => {
    const target = await resolveGuest(hostId, uuid);
    const pool = await directoryPool(target.lv, input.pool);
    await target.lv.storage.refreshPool(pool.ref);
    if ((await target.lv.storage.listVolumes(pool.ref)).some((v) => v.name === file))
      throw new ApiError(409, { key: "fileExists", values: { pool: input.pool, file } }, { file: { key: "nameTaken" } });
    const info = await target.lv.domains.info(target.dom);
    checkSpace(pool.availableBytes, { capacityBytes: 0, allocationBytes: Number(info.memory) * 1024, overcommit: true });
    return { ...target, pool };
  })().catch((err: unknown) => refuseGuestChange(ctx, change, err));
  const path = fileInPool(pool, file);

  return jobs().start(ctx.actor.id, "guest.save", jobLabel("guestSave", { guest: dom.name, file: `${input.pool}/${file}` }), (job) =>
    changeGuest(
      ctx,
      change,
      async (target) => {
        const stop = followDomainJob(lv, dom, (done, total) => job.progress(done, total));
        try {
          await target.lv.domains.save(target.dom, path);
        } finally {
          stop();
        }
        await target.lv.storage.refreshPool(pool.ref).catch(() => undefined);
        // A small guest is saved before the first reading; the bar ends at the file's size either way.
        const written = await target.lv.storage
          .lookupVolumeByPath(path)
          .then((v) => target.lv.storage.volumeInfo(v))
          .catch(() => null);
        if (written) job.progress(Number(written.allocation), Number(written.allocation));
        return { pool: input.pool, volume: file };
      },
      { forJobs: true },
    ),
  );
}
