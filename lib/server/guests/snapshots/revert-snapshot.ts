import "server-only";
import type { JobView } from "@/lib/jobs/types";
import { revertRefusal } from "@/lib/snapshots/model";
import type { Actor } from "../../auth/session";
import { jobs } from "../../jobs/jobs";
import { auditedGuestChange, refuse, resolveGuest } from "../guest-target";
import { findSnapshot } from "./find-snapshot";
import { libvirtVersion } from "./snapshot-facts";
import { withJobProgress } from "./snapshot-job";

/** Puts the guest back to the snapshot (disks, and memory when it has some) as a job; what libvirt cannot revert is refused first. */
export async function revertSnapshot(actor: Actor, ip: string, hostId: string, uuid: string, name: string): Promise<JobView> {
  const watch = await resolveGuest(hostId, uuid);
  const snapshot = await findSnapshot(watch, hostId, uuid, name);
  const refusal = revertRefusal(snapshot, await libvirtVersion(watch.lv));
  if (refusal) refuse(refusal);
  return jobs().start(actor.id, "snapshot.revert", `Reverting ${watch.dom.name} to ${name}`, (job) =>
    auditedGuestChange(
      { actor, ip, action: "snapshot.revert", hostId, uuid, details: { name } },
      async ({ lv, dom }) => {
        await withJobProgress(watch, job, async () => lv.domains.revertToSnapshot(await lv.domains.lookupSnapshot(dom, name)));
        return { name };
      },
      { forJobs: true },
    ),
  );
}
