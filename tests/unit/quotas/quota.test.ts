import { describe, expect, it } from "vitest";
import { diskGiBOf, quotaExcess } from "@/lib/quotas/quota";

describe("quotaExcess", () => {
  const limits = { vcpus: 4, memoryMiB: 2048, diskGiB: null };

  it("is empty while the new guest fits, up to the limit itself; no limit is never passed", () => {
    expect(quotaExcess(limits, { vcpus: 2, memoryMiB: 1024, diskGiB: 500 }, { vcpus: 2, memoryMiB: 1024, diskGiB: 500 })).toEqual([]);
  });

  it("names each limit passed with the figures", () => {
    expect(quotaExcess(limits, { vcpus: 3, memoryMiB: 2000, diskGiB: 0 }, { vcpus: 2, memoryMiB: 49, diskGiB: 1 })).toEqual([
      { resource: "vcpus", limit: 4, used: 3, adding: 2 },
      { resource: "memoryMiB", limit: 2048, used: 2000, adding: 49 },
    ]);
  });

  it("compares disk sizes as they are said (two decimals), so rounding never passes a limit", () => {
    const disk = { vcpus: null, memoryMiB: null, diskGiB: 0.3 };
    expect(quotaExcess(disk, { vcpus: 0, memoryMiB: 0, diskGiB: 0.1 }, { vcpus: 0, memoryMiB: 0, diskGiB: 0.2 })).toEqual([]);
    expect(quotaExcess(disk, { vcpus: 0, memoryMiB: 0, diskGiB: 0.1 }, { vcpus: 0, memoryMiB: 0, diskGiB: 0.21 })).toHaveLength(1);
  });

  it("a zero limit refuses anything", () => {
    expect(
      quotaExcess(
        { vcpus: 0, memoryMiB: null, diskGiB: null },
        { vcpus: 0, memoryMiB: 0, diskGiB: 0 },
        { vcpus: 1, memoryMiB: 64, diskGiB: 0 },
      ),
    ).toHaveLength(1);
  });
});

describe("diskGiBOf", () => {
  it("rounds up to the hundredth, so a small disk still counts", () => {
    expect([diskGiBOf(0), diskGiBOf(16 * 2 ** 20), diskGiBOf(2 ** 30), diskGiBOf(2 ** 30 + 1)]).toEqual([0, 0.02, 1, 1.01]);
  });
});
