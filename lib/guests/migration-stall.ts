// Stall detection of a live migration (issue 30, a cluster's migration policy): fed libvirt's job statistics.
import type { JobErrorWords } from "@/lib/jobs/words";

/**
 * Says when a migration has made no progress for `timeoutMs`: progress is the data left to copy (libvirt's
 * data_remaining) going below the least seen so far. Dirty pages make the figure rise and fall between
 * iterations, so a migration that copies but never converges counts as stalled too. A reading without figures
 * (`undefined`: libvirt's statistics had no total) shows no progress: before the copy has begun it starts no
 * clock, after it the clock runs on. Nothing left (0) means switching over, which restarts the clock.
 */
export class StallDetector {
  private least: number | null = null;
  private since = 0;

  constructor(private readonly timeoutMs: number) {}

  /** One reading taken at `atMs`; true once the time without progress reaches the timeout (0 = never). */
  sample(dataRemaining: number | undefined, atMs: number): boolean {
    if (this.timeoutMs <= 0) return false;
    if (dataRemaining === 0) {
      this.since = atMs;
      return false;
    }
    if (dataRemaining !== undefined && (this.least === null || dataRemaining < this.least)) {
      this.least = dataRemaining;
      this.since = atMs;
      return false;
    }
    return this.least !== null && atMs - this.since >= this.timeoutMs;
  }
}

/** The reason a stalled migration was aborted, for the job's error and the audit log ("jobErrors" words). */
export function stallReason(seconds: number, guest: string, source: string): JobErrorWords {
  return { key: "stalled", values: { seconds, guest, source } };
}
