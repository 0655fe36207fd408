import { afterEach, describe, expect, it, vi } from "vitest";
import { StallDetector, stallReason } from "@/lib/guests/migration-stall";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import type { JobHandle } from "@/lib/server/jobs/jobs";
import { watchMigration } from "@/lib/server/guests/migration/follow-migration";
import { JobWordsError } from "@/lib/server/jobs/job-error";

const GiB = 1024 ** 3;

/** Feeds readings of data_remaining, one a second; answers the first second the detector says stalled. */
function stalledAt(detector: StallDetector, remaining: (number | undefined)[]): number | null {
  for (const [i, r] of remaining.entries()) if (detector.sample(r, i * 1000)) return i;
  return null;
}

describe("the stall detector", () => {
  it("a migration whose data left keeps shrinking never stalls", () => {
    expect(
      stalledAt(
        new StallDetector(3000),
        [8, 7, 6, 5, 4, 3, 2, 1].map((g) => g * GiB),
      ),
    ).toBeNull();
  });

  it("stalls once the data left has not gone below its least for the timeout", () => {
    // Copying goes on, but the guest dirties memory as fast: the figure bounces above 2 GiB from second 2 on.
    const readings = [4, 3, 2, 2.5, 2.2, 2.1, 2.4, 2.3].map((g) => g * GiB);
    expect(stalledAt(new StallDetector(5000), readings)).toBe(7);
  });

  it("a new least starts the time again", () => {
    const readings = [4, 4, 4, 3.9, 3.9, 3.9, 3.9].map((g) => g * GiB);
    expect(stalledAt(new StallDetector(3000), readings)).toBe(6);
  });

  it("readings without figures are no progress once the copy has begun, and do not start the clock before", () => {
    // The watcher passes a reading whose total is 0 on as no figures.
    expect(stalledAt(new StallDetector(3000), [4 * GiB, 3 * GiB, undefined, undefined, undefined, undefined])).toBe(4);
    expect(stalledAt(new StallDetector(2000), [undefined, undefined, undefined, undefined, 4 * GiB, 3 * GiB])).toBeNull();
  });

  it("nothing left to copy is switching over, not a stall, and 0 seconds means never", () => {
    expect(stalledAt(new StallDetector(2000), [2 * GiB, GiB, 0, 0, 0, 0, 0])).toBeNull();
    expect(
      stalledAt(
        new StallDetector(0),
        Array.from({ length: 100 }, () => GiB),
      ),
    ).toBeNull();
  });
});

describe("a stalled migration under a cluster's policy", () => {
  afterEach(() => vi.useRealTimers());

  it("is aborted through libvirt's abort job call, with the reason for the job and the audit", async () => {
    vi.useFakeTimers();
    const abortJob = vi.fn(async () => undefined);
    // libvirt's job statistics (virDomainGetJobStats): the data left stays at 1 GiB.
    const jobStats = vi.fn(async () => ({
      type: 2,
      stats: { data_total: 4n * BigInt(GiB), data_remaining: BigInt(GiB), data_processed: 3n * BigInt(GiB) },
    }));
    const lv = { domains: { jobStats, abortJob } } as unknown as Libvirt;
    const job = { detail: vi.fn(), progress: vi.fn(), signal: new AbortController().signal } as unknown as JobHandle;
    const watcher = watchMigration(lv, {} as DomainRef, job, { stallSeconds: 3, name: "db1", sourceName: "h1" });

    await vi.advanceTimersByTimeAsync(2500);
    expect(abortJob).not.toHaveBeenCalled();
    expect(watcher.stalled()).toBeNull();
    await vi.advanceTimersByTimeAsync(1500);
    expect(abortJob).toHaveBeenCalledTimes(1);
    expect(watcher.stalled()).toEqual(stallReason(3, "db1", "h1"));
    // Stored as its words; its English (logs, older readers) says why.
    expect(new JobWordsError(watcher.stalled()!).message).toBe(
      "Aborted by the cluster's migration policy: the data left to copy did not shrink for 3 s; db1 stays on h1.",
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(abortJob).toHaveBeenCalledTimes(1);
    watcher.stop();
  });
});
