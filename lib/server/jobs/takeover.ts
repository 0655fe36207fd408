import "server-only";
import { log } from "../log";
import { DEAD_AFTER_MS, isStopping, liveInstances } from "../cluster/instance";
import { auditRow } from "../audit";
import { jobError } from "./job-error";
import { errorMessage, type JobRow } from "./job-row";
import type { JobRun, Jobs } from "./jobs";
import { resumers, type Resumer } from "./resumers";

/**
 * Claims the running jobs whose instance is gone — its heartbeat (and the job's) older than
 * DEAD_AFTER_MS, or the job handed over by an instance that stopped gracefully, or a job its live
 * instance has not stamped for far longer (it does not run it) — and finishes them
 * here. Each claim is one conditional UPDATE naming the previous owner and heartbeat, so of several
 * instances sweeping at once exactly one wins, and an owner that was only slow keeps its job.
 *
 * A job libvirt carries on by itself (it recorded how, see resumers.ts) is followed to its end; any
 * other ends as failed with the reason, after what it had made is removed. Each takeover is audited
 * (job.takeover) with its outcome. Returns the claimed ids.
 */
const ORPHANED_AFTER_MS = 3 * DEAD_AFTER_MS;

export async function takeOverOrphans(jobs: Jobs, registry: Readonly<Record<string, Resumer>> = resumers): Promise<string[]> {
  if (isStopping()) return [];
  const { db, instanceId, now } = jobs.context;
  const at = now();
  const me = instanceId();
  const live = (await liveInstances(at)).map((i) => i.id);
  const rows = await db().job.findMany({
    where: {
      status: "running",
      NOT: { instanceId: me },
      OR: [
        { handedOverAt: { not: null } },
        { heartbeatAt: { lt: new Date(at - DEAD_AFTER_MS) }, instanceId: { notIn: live } },
        // A live instance stamps its jobs every few seconds: one it has not stamped for this long, it does not run.
        { heartbeatAt: { lt: new Date(at - ORPHANED_AFTER_MS) } },
      ],
    },
    orderBy: { startedAt: "asc" },
  });
  const claimed: string[] = [];
  for (const row of rows) {
    const { count } = await db().job.updateMany({
      where: { id: row.id, status: "running", instanceId: row.instanceId, heartbeatAt: row.heartbeatAt },
      data: { instanceId: me, heartbeatAt: new Date(at), handedOverAt: null },
    });
    if (count !== 1) continue;
    claimed.push(row.id);
    void jobs.adopt(row, continuation(row, registry)).then((outcome) =>
      auditRow(
        { actor: { id: null, username: `console instance ${me}` }, ip: "" },
        {
          action: "job.takeover",
          target: row.target || `job:${row.kind}`,
          details: {
            job: row.id,
            kind: row.kind,
            label: row.label,
            from: row.instanceId,
            ...(outcome.ok ? {} : { error: errorMessage(outcome.error) }),
          },
        },
        outcome.ok ? "ok" : "error",
      ).catch((err: Error) => log.error(`jobs: takeover of ${row.id} not audited: ${err.message}`)),
    );
  }
  return claimed;
}

function continuation(row: JobRow, registry: Readonly<Record<string, Resumer>>): JobRun {
  const resume = registry[row.kind];
  if (resume && row.resume !== null) {
    const state: unknown = JSON.parse(row.resume);
    return async (job) => {
      await job.resumable(state);
      return resume(job, state);
    };
  }
  const reason = row.handedOverAt ? "instanceStopped" : "instanceDied";
  return async () => {
    throw jobError(reason);
  };
}
