import "server-only";
import type { JobView } from "@/lib/jobs/types";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { jobs } from "./jobs";

/** One of the person's jobs, running or finished, on whichever instance runs it. Reading only. */
export async function getJob(ctx: VerbContext, { jobId }: { jobId: string }): Promise<JobView> {
  const job = await jobs().get(jobId, ctx.actor.id);
  if (!job) throw notFound("job");
  return job;
}
