import "server-only";
import type { JobHandle } from "../../jobs/jobs";
import type { GuestTarget } from "../guest-target";

const POLL_MS = 500;

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
      const total = Number(stats?.stats.data_total ?? stats?.stats.memory_total ?? 0);
      const done = Number(stats?.stats.data_processed ?? stats?.stats.memory_processed ?? 0);
      if (!stopped && stats && stats.type !== 0 && total > 0) job.progress(Math.min(done, total), total);
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
