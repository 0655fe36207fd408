import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { JobView } from "@/lib/jobs/types";
import { VirDomainSnapshotDeleteFlags } from "@/lib/libvirt/generated/flags";
import { deleteRefusal, descendants } from "@/lib/snapshots/model";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { ApiError, notFound } from "../../http/errors";
import { jobs } from "../../jobs/jobs";
import { changeGuest, resolveGuest } from "../guest-target";
import { readSnapshots } from "./snapshot-facts";
import { withJobProgress } from "./snapshot-job";
import { checkOwnSnapshots, forgetSnapshotOwners } from "./snapshot-owners";
import { removeSnapshotScreenshots } from "./snapshot-screens";

/**
 * Deletes one snapshot, or it and everything below it, as a job (an external one is merged back into
 * its backing file, which can take a while). What libvirt 9.0 refuses is refused first with the reason.
 */
export async function deleteSnapshot(
  ctx: VerbContext,
  { hostId, uuid, name, withChildren }: GuestRef & { name: string; withChildren: boolean },
): Promise<JobView> {
  const watch = await resolveGuest(hostId, uuid);
  const snapshots = await readSnapshots(watch.lv, watch.dom, hostId, uuid);
  if (!snapshots.some((s) => s.name === name)) throw notFound("snapshot");
  const below = withChildren ? descendants(snapshots, name).map((s) => s.name) : [];
  await checkOwnSnapshots(ctx, { hostId, uuid }, [name, ...below]);
  const refusal = deleteRefusal(snapshots, name, below.length > 0);
  if (refusal) throw new ApiError(409, refusal);
  const flags = below.length > 0 ? VirDomainSnapshotDeleteFlags.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN : 0;
  const label = jobLabel("snapshotDelete", { name, below: below.length });
  return jobs().start(ctx.actor.id, "snapshot.delete", label, (job) =>
    changeGuest(
      ctx,
      { action: "snapshot.delete", hostId, uuid, details: { name, children: below } },
      async ({ lv, dom }) => {
        await withJobProgress(watch, job, async () => lv.domains.deleteSnapshot(await lv.domains.lookupSnapshot(dom, name), flags));
        await removeSnapshotScreenshots(hostId, uuid, [name, ...below]);
        await forgetSnapshotOwners({ hostId, uuid }, [name, ...below]);
        return { deleted: [name, ...below] };
      },
      { forJobs: true },
    ),
  );
}
