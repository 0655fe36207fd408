import { describe, expect, it } from "vitest";
import { jobProgress } from "@/lib/server/guests/snapshots/snapshot-job";

describe("snapshot job progress from libvirt's domain job stats", () => {
  it("counts what is no longer left to write, so skipped zero pages count as done", () => {
    expect(jobProgress(2, { memory_total: 1000n, memory_processed: 10n, memory_remaining: 400n })).toEqual({ done: 600, total: 1000 });
    expect(jobProgress(1, { data_total: 1000n, data_processed: 250n })).toEqual({ done: 250, total: 1000 });
  });

  it("reports nothing for no job, a finished job's summary, or a job without a size", () => {
    expect(jobProgress(0, {})).toBeNull();
    expect(jobProgress(3, { data_total: 1000n, data_processed: 4n, data_remaining: 0n })).toBeNull();
    expect(jobProgress(2, { time_elapsed: 5n })).toBeNull();
  });
});
