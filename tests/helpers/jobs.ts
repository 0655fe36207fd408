// Server jobs (lib/server/jobs) as integration tests wait for them: polled until they end.
import type { JobView } from "@/lib/jobs/types";
import { jobs } from "@/lib/server/jobs/jobs";

/** The job as it ended (done, failed or cancelled); throws when it still runs after `timeoutMs`. */
export async function jobFinished(job: JobView, ownerId: string, { timeoutMs = 300_000, pollMs = 100 } = {}): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = (await jobs().get(job.id, ownerId))!;
    if (now.status !== "running") return now;
    if (Date.now() > deadline) throw new Error(`job still running after ${timeoutMs} ms: ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
