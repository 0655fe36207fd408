import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import { SAVE_SUFFIX } from "@/lib/guests/saved-state";
import type { JobView } from "@/lib/jobs/types";
import type { Libvirt } from "@/lib/libvirt";
import { audited, auditFailure } from "../../audit";
import type { VerbContext } from "../../verb-context";
import { ApiError } from "../../http/errors";
import { jobs } from "../../jobs/jobs";
import { hostConnection } from "../../storage/storage-target";
import { hostInventory } from "../inventory";
import { directoryPool, fileInPool } from "./directory-pools";

/**
 * Starts a guest again from a saved state in a pool (virsh restore). The browser names pool and
 * file, never a path. Unless told otherwise the file is deleted once the guest runs: restoring the
 * same state a second time would run the guest on disks that have moved on since.
 */
export async function restoreGuest(
  ctx: VerbContext,
  { hostId, ...input }: { hostId: string; pool: string; volume: string; removeAfter: boolean },
): Promise<JobView> {
  const { lv, hostName } = await hostConnection(hostId);
  const target = `host:${hostName}`;
  const details: Record<string, unknown> = { pool: input.pool, volume: input.volume, removeAfter: input.removeAfter };
  const subject = { action: "guest.restore" as const, target, details };
  const path = await (async () => {
    if (!input.volume.endsWith(SAVE_SUFFIX))
      throw new ApiError(422, { key: "savedStateSuffix", values: { suffix: SAVE_SUFFIX } }, { volume: { key: "notSavedState" } });
    return fileInPool(await directoryPool(lv, input.pool), input.volume);
  })().catch((err: unknown) => auditFailure(ctx, subject, err));

  return jobs().start(ctx.actor.id, "guest.restore", jobLabel("guestRestore", { file: `${input.pool}/${input.volume}` }), () =>
    audited(ctx, subject, async () => {
      const { lv: jobsLv } = await hostConnection(hostId, { forJobs: true });
      await jobsLv.domains.restore(path);
      hostInventory(hostId).invalidate();
      // The guest runs from here on, so a file that will not go is a warning, not a failed restore.
      const warning = input.removeAfter ? await removeSavedFile(jobsLv, path) : undefined;
      if (warning) details.warning = warning;
      return { pool: input.pool, volume: input.volume, ...(warning ? { warning } : {}) };
    }),
  );
}

/** Deletes the saved state through libvirt; says why when it cannot. */
async function removeSavedFile(lv: Libvirt, path: string): Promise<string | undefined> {
  try {
    await lv.storage.deleteVolume(await lv.storage.lookupVolumeByPath(path));
    return undefined;
  } catch (err) {
    return `The guest runs, but the saved state was not deleted: ${(err as Error).message}. Delete it before restoring again, or the guest would run on disks that have moved on since.`;
  }
}
