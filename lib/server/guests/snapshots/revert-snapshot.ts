import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { JobView } from "@/lib/jobs/types";
import { revertRefusal } from "@/lib/snapshots/model";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { ApiError } from "../../http/errors";
import { jobs } from "../../jobs/jobs";
import { isTemplate } from "../../templates/template-mark";
import { changeGuest, resolveGuest } from "../guest-target";
import { findSnapshot } from "./find-snapshot";
import { libvirtVersion } from "./snapshot-facts";
import { withJobProgress } from "./snapshot-job";
import { checkOwnSnapshots } from "./snapshot-owners";

/** Puts the guest back to the snapshot (disks, and memory when it has some) as a job; what libvirt cannot revert is refused first. */
export async function revertSnapshot(ctx: VerbContext, { hostId, uuid, name }: GuestRef & { name: string }): Promise<JobView> {
  const watch = await resolveGuest(hostId, uuid);
  const snapshot = await findSnapshot(watch, hostId, uuid, name);
  await checkOwnSnapshots(ctx, { hostId, uuid }, [name]);
  const refusal = revertRefusal(snapshot, await libvirtVersion(watch.lv));
  if (refusal) throw new ApiError(409, refusal);
  // A revert may start the guest and rewrites its disks, which linked clones are built on.
  if (await isTemplate(watch)) throw new ApiError(409, { key: "revertTemplate", values: { guest: watch.dom.name } });
  return jobs().start(ctx.actor.id, "snapshot.revert", jobLabel("snapshotRevert", { guest: watch.dom.name, name }), (job) =>
    changeGuest(
      ctx,
      { action: "snapshot.revert", hostId, uuid, details: { name } },
      async ({ lv, dom }) => {
        await withJobProgress(watch, job, async () => lv.domains.revertToSnapshot(await lv.domains.lookupSnapshot(dom, name)));
        return { name };
      },
      { forJobs: true },
    ),
  );
}
