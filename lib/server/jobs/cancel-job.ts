import "server-only";
import { auditRow } from "../audit";
import { ApiError } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { jobs } from "./jobs";

/** Asks one of the person's running jobs to stop (where its work can be stopped), on whichever instance runs it. */
export async function cancelJob(ctx: VerbContext, { jobId }: { jobId: string }): Promise<{ ok: true }> {
  const job = await jobs().cancel(jobId, ctx.actor.id);
  if (!job) throw new ApiError(404, { key: "noRunningJob" });
  await auditRow(ctx, { action: "job.cancel", target: `job:${job.kind} ${job.label}`, details: { job: job.id } }, "ok");
  return { ok: true };
}
