import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import koMessages from "@/messages/ko.json";
import { judgeGuest, percentile, rightSizing, rightSizingCsv, type HourUse } from "@/lib/reports/right-sizing";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 5);
const GiB = 1024 * 1024;
/** `n` hourly rows ending at NOW, from a function of the hour's index. */
const hours = (n: number, f: (i: number) => Partial<HourUse>): HourUse[] =>
  Array.from({ length: n }, (_, i) => ({
    t: NOW - (n - i) * HOUR,
    cpuPercent: 50,
    memUsedKiB: 3 * GiB,
    diskBytesPerSec: 1e6,
    netBytesPerSec: 1e6,
    ...f(i),
  }));
const guest = (name: string, vcpus: number, memoryKiB: number) => ({ hostId: "h", uuid: `${name}-uuid`, name, vcpus, memoryKiB });

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    // 1…100: rank 0.95 * 99 = 94.05, between 95 and 96.
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBeCloseTo(95.05, 10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNull();
  });
});

describe("right-sizing", () => {
  it("finds the oversized guest and what it could give back, from a seeded month", () => {
    // 8 vCPUs, 16 GiB; CPU 5 % except one hour in ten at 10 %: p95 of 720 hours is 10 %; memory 2 GiB used.
    const seeded = hours(720, (i) => ({ cpuPercent: i % 10 === 0 ? 10 : 5, memUsedKiB: 2 * GiB }));
    const row = judgeGuest(guest("big", 8, 16 * GiB), seeded, NOW)!;
    expect(row.cpuP95).toBeCloseTo(10, 10);
    expect(row.memoryP95).toBeCloseTo(12.5, 10);
    expect(row).toMatchObject({ oversizedCpu: true, oversizedMemory: true, idle: false });
    // vCPUs: ceil(8 * 10 / 50) = 2, so 6 back; memory: 2 GiB * 100 / 50 = 4 GiB, so 12 GiB back.
    expect(row).toMatchObject({ suggestedVcpus: 2, reclaimVcpus: 6, suggestedMemoryKiB: 4 * GiB, reclaimMemoryKiB: 12 * GiB });
  });

  it("lists idle guests with all they hold, leaves busy ones and young ones out", () => {
    const quiet = hours(24 * 8, () => ({ cpuPercent: 0.5, memUsedKiB: 3 * GiB, diskBytesPerSec: 100, netBytesPerSec: 50 }));
    const busy = hours(720, () => ({ cpuPercent: 70, memUsedKiB: 3.5 * GiB }));
    const young = hours(10, () => ({ cpuPercent: 0 }));
    const rows = rightSizing(
      [
        { guest: guest("quiet", 2, 4 * GiB), hours: quiet },
        { guest: guest("busy", 4, 4 * GiB), hours: busy },
        { guest: guest("young", 4, 8 * GiB), hours: young },
      ],
      NOW,
      7,
    );
    expect(rows.map((r) => r.name)).toEqual(["quiet"]);
    expect(rows[0]).toMatchObject({ idle: true, reclaimVcpus: 2, reclaimMemoryKiB: 4 * GiB });
    // One busy hour inside the idle days: not idle.
    const woke = quiet.map((h, i) => (i === quiet.length - 5 ? { ...h, netBytesPerSec: 1e6 } : h));
    expect(judgeGuest(guest("woke", 2, 4 * GiB), woke, NOW, 7)!.idle).toBe(false);
  });

  it("exports the rows as CSV", () => {
    const row = judgeGuest(
      guest("big, old", 8, 16 * GiB),
      hours(720, () => ({ cpuPercent: 5, memUsedKiB: 2 * GiB })),
      NOW,
    )!;
    const csv = rightSizingCsv([row], () => "host-a", createTranslator({ locale: "en", messages: en, namespace: "reportCsv" })).split("\n");
    expect(csv[0]).toBe(
      "guest,host,uuid,finding,vCPUs,CPU p95 %,suggested vCPUs,reclaim vCPUs,memory GiB,memory p95 %,suggested memory GiB,reclaim memory GiB",
    );
    expect(csv[1]).toBe('"big, old",host-a,"big, old-uuid",Too many vCPUs and too much memory,8,5,1,7,16,12.5,4,12');
    // In Korean: the headers and the finding in Korean, the numbers as plain numbers a spreadsheet reads.
    const ko = rightSizingCsv(
      [row],
      () => "host-a",
      createTranslator({ locale: "ko", messages: koMessages, namespace: "reportCsv" }),
    ).split("\n");
    expect(ko[0]!.split(",").slice(0, 4)).toEqual(["게스트", "호스트", "uuid", "결과"]);
    expect(ko[1]).toBe('"big, old",host-a,"big, old-uuid",vCPU와 메모리가 너무 많음,8,5,1,7,16,12.5,4,12');
  });
});
