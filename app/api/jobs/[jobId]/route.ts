import { z } from "zod";
import { cancelJob } from "@/lib/server/jobs/cancel-job";
import { ApiError } from "@/lib/server/http/errors";
import { jobs } from "@/lib/server/jobs/jobs";
import { route } from "@/lib/server/http/route";

const params = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });

/** A job's progress and outcome, from the database (any console instance answers); someone else's job is "not found". */
export const GET = route({ permission: "authenticated", params }, async ({ actor, params }) => {
  const job = await jobs().get(params.jobId, actor.id);
  if (!job) throw new ApiError(404, "Job not found");
  return job;
});

/** Asks a running job to stop (where its work can be stopped), on whichever instance runs it. */
export const DELETE = route({ permission: "authenticated", params }, async ({ ctx, params }) => cancelJob(ctx, params));
