import "server-only";
import type { JobView } from "@/lib/jobs/types";
import { jobs } from "../jobs/jobs";
import type { VerbContext } from "../verb-context";
import { findAppliance } from "./scratch";

/**
 * How far Finish has converted the person's appliance: its job, or null before the job starts and once the
 * appliance is gone (imported or refused; Finish's own answer says which).
 */
export async function ovaImportProgress(
  ctx: VerbContext,
  { hostId, upload }: { hostId: string; upload: string },
): Promise<{ job: JobView | null }> {
  const meta = await findAppliance(upload, { ownerId: ctx.actor.id, hostId });
  return { job: meta?.jobId ? await jobs().get(meta.jobId, ctx.actor.id) : null };
}
