import "server-only";
import { randomBytes } from "node:crypto";
import type { JobView } from "@/lib/jobs/types";
import { processSingleton } from "../process-singleton";

type Job = JobView & { ownerId: string; controller: AbortController };

export type JobHandle = { progress(done: number, total?: number): void; detail(detail: unknown): void; signal: AbortSignal };

const KEEP_FINISHED_MS = 10 * 60_000;

/**
 * Long storage work (volume creation, clones) runs here, not inside the HTTP request: the request
 * returns the job's id at once, the page polls it for progress, and the outcome (or libvirt's
 * message) stays readable for ten minutes. Only the person who started a job can see it.
 */
export class Jobs {
  private readonly jobs = new Map<string, Job>();

  start(ownerId: string, kind: string, label: string, run: (job: JobHandle) => Promise<unknown>): JobView {
    this.sweep();
    const job: Job = {
      id: randomBytes(16).toString("base64url"),
      kind,
      label,
      status: "running",
      done: 0,
      total: 0,
      startedAt: Date.now(),
      ownerId,
      controller: new AbortController(),
    };
    this.jobs.set(job.id, job);
    const handle: JobHandle = {
      progress: (done, total) => {
        job.done = done;
        if (total !== undefined) job.total = total;
      },
      detail: (detail) => {
        job.detail = detail;
      },
      signal: job.controller.signal,
    };
    run(handle).then(
      (result) => Object.assign(job, { status: "done", result, finishedAt: Date.now() }),
      (err: unknown) =>
        Object.assign(job, {
          status: job.controller.signal.aborted ? "cancelled" : "failed",
          error: err instanceof Error ? err.message : String(err),
          finishedAt: Date.now(),
        }),
    );
    return view(job);
  }

  get(id: string, ownerId: string): JobView | null {
    const job = this.jobs.get(id);
    return job && job.ownerId === ownerId ? view(job) : null;
  }

  cancel(id: string, ownerId: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.ownerId !== ownerId || job.status !== "running") return false;
    job.controller.abort();
    return true;
  }

  private sweep(): void {
    const before = Date.now() - KEEP_FINISHED_MS;
    for (const [id, job] of this.jobs) if (job.finishedAt && job.finishedAt < before) this.jobs.delete(id);
  }
}

function view(job: Job): JobView {
  const { id, kind, label, status, done, total, startedAt, finishedAt, error, result, detail } = job;
  return { id, kind, label, status, done, total, startedAt, finishedAt, error, result, detail };
}

export function jobs(): Jobs {
  return processSingleton("jobs", () => new Jobs());
}
