import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { monthRange, previousMonth, usageCsv, usageReport, type UsageGuest, type UsageHour } from "@/lib/reports/usage";

const GiB_KiB = 1024 * 1024;
const guest = (name: string, over: Partial<UsageGuest> = {}): UsageGuest => ({
  hostId: "h1",
  hostName: "alpha",
  uuid: `${name}-uuid`,
  name,
  tags: [],
  owner: "ann",
  vcpus: 2,
  memoryKiB: 4 * GiB_KiB,
  diskBytes: 20 * 1024 ** 3,
  ...over,
});
/** A full hour at 360 samples (10 s interval). */
const hour = (over: Partial<UsageHour> = {}): UsageHour => ({
  samples: 360,
  memTotalKiB: 4 * GiB_KiB,
  diskBytesPerSec: 0,
  netBytesPerSec: 0,
  ...over,
});

describe("usage reports", () => {
  const report = usageReport({ from: 0, to: 1, groupBy: "tag", samplesPerHour: 360 }, [
    // web: 10 full hours and one half hour; 2 vCPUs, 4 GiB; traffic 1 MiB/s for one full hour.
    {
      guest: guest("web", { tags: ["prod", "web"] }),
      hours: [...Array(10).fill(hour()), hour({ samples: 180 }), hour({ netBytesPerSec: 1024 * 1024 })],
    },
    // db: 4 vCPUs, 3 hours with 8 GiB reported, one hour without a memory figure (its 16 GiB now counts).
    {
      guest: guest("db", { vcpus: 4, memoryKiB: 16 * GiB_KiB, tags: ["prod"], owner: "bob", diskBytes: null }),
      hours: [
        hour({ memTotalKiB: 8 * GiB_KiB }),
        hour({ memTotalKiB: 8 * GiB_KiB }),
        hour({ memTotalKiB: 8 * GiB_KiB }),
        hour({ memTotalKiB: null }),
      ],
    },
    { guest: guest("idle"), hours: [] },
  ]);

  it("sums each guest's seeded hours exactly", () => {
    const web = report.guests.find((g) => g.name === "web")!;
    // 11.5 hours run (10 + 0.5 + 1), 2 vCPUs: 23 vCPU-hours; 4 GiB × 11.5 = 46 GiB-hours; 1 MiB/s × 3600 s = 3600 MiB.
    expect(web).toMatchObject({ hours: 11.5, vcpuHours: 23, memoryGiBHours: 46, diskGiB: 20 });
    expect(web.trafficGiB).toBeCloseTo(3600 / 1024, 12);
    const db = report.guests.find((g) => g.name === "db")!;
    expect(db).toMatchObject({ hours: 4, vcpuHours: 16, memoryGiBHours: 3 * 8 + 16, diskGiB: 0 });
  });

  it("groups by tag (a guest in each of its tags) and totals over guests once", () => {
    const byName = Object.fromEntries(report.groups.map((g) => [g.group, g]));
    expect(byName.prod).toMatchObject({ guests: 2, vcpuHours: 39, memoryGiBHours: 86 });
    expect(byName.web).toMatchObject({ guests: 1, vcpuHours: 23 });
    expect(byName["(no tag)"]).toMatchObject({ guests: 1, vcpuHours: 0 });
    expect(report.total).toMatchObject({ guests: 3, hours: 15.5, vcpuHours: 39, memoryGiBHours: 86, diskGiB: 40 });
    const csv = usageCsv(report, createTranslator({ locale: "en", messages: en, namespace: "reportCsv" }))
      .trim()
      .split("\n");
    expect(csv[0]).toBe("tag,guests,hours run,vCPU-hours,memory GiB-hours,disk GiB (at the end),disk I/O GiB,traffic GiB");
    expect(csv.at(-1)).toBe("total,3,15.5,39,86,40,0,3.52");
    // In Russian: headers and the few words in Russian; the numbers stay plain (a point, no grouping).
    const inRussian = usageCsv(report, createTranslator({ locale: "ru", messages: ru, namespace: "reportCsv" }))
      .trim()
      .split("\n");
    expect(inRussian[0]!.split(",").slice(0, 3)).toEqual(["Тег", "Гостевые системы", "Часы работы"]);
    expect(inRussian.filter((line) => line.startsWith("(без тега),1,"))).toHaveLength(1);
    expect(inRussian.at(-1)).toBe("Итого,3,15.5,39,86,40,0,3.52");
  });

  it("groups by owner", () => {
    const byOwner = usageReport({ from: 0, to: 1, groupBy: "owner", samplesPerHour: 360 }, [
      { guest: guest("a"), hours: [hour()] },
      { guest: guest("b", { owner: "bob" }), hours: [hour(), hour()] },
    ]);
    expect(byOwner.groups.map((g) => [g.group, g.vcpuHours])).toEqual([
      ["bob", 4],
      ["ann", 2],
    ]);
  });

  it("names the previous month and a chosen one", () => {
    expect(previousMonth(Date.UTC(2026, 11, 5, 8))).toEqual({ from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) });
    expect(previousMonth(Date.UTC(2026, 0, 1))).toEqual({ from: Date.UTC(2025, 11, 1), to: Date.UTC(2026, 0, 1) });
    expect(monthRange("2026-02")).toEqual({ from: Date.UTC(2026, 1, 1), to: Date.UTC(2026, 2, 1) });
  });
});
