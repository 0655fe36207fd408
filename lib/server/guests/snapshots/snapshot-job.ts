import "server-only";
import type { TypedParamValue } from "@/lib/libvirt/api/typed-params";
import type { JobHandle } from "../../jobs/jobs";
import type { GuestTarget } from "../guest-target";

const POLL_MS = 500;
// virDomainJobType BOUNDED and UNBOUNDED; COMPLETED (3) describes the job that just ended.
const ACTIVE = new Set([1, 2]);

/** Bytes done of total from libvirt's domain job statistics, or null when no job runs or it reports no size. */
export function jobProgress(type: number, stats: Record<string, TypedParamValue>): { done: number; total: number } | null {
  const total = Number(stats.data_total ?? stats.memory_total ?? 0);
  if (!ACTIVE.has(type) || total <= 0) return null;
  // Zero pages are skipped, not "processed": what is left says more than what was written.
  const remaining = stats.data_remaining ?? stats.memory_remaining;
  const done = remaining === undefined ? Number(stats.data_processed ?? stats.memory_processed ?? 0) : total - Number(remaining);
  return { done: Math.max(0, Math.min(done, total)), total };
}

/**
 * Runs one snapshot call and, while it runs, copies libvirt's domain job statistics (bytes of memory
 * or disk data written) into the job's progress. Internal snapshots report none: the page then shows
 * its running bar until the call returns.
 */
export async function withJobProgress<T>(watch: GuestTarget, job: JobHandle, call: () => Promise<T>): Promise<T> {
  let stopped = false;
  const poll = async (): Promise<void> => {
    while (!stopped) {
      const stats = await watch.lv.domains.jobStats(watch.dom).catch(() => null);
      const progress = stats && jobProgress(stats.type, stats.stats);
      if (!stopped && progress) job.progress(progress.done, progress.total);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const polling = poll();
  try {
    return await call();
  } finally {
    stopped = true;
    await polling;
  }
}
