import type { useTranslations } from "next-intl";
import { csvCell } from "@/lib/metrics/csv";

// Shared by server and browser: usage per guest over a period from the stored hourly averages, and its
// sums per host, tag or owner. Each hourly row counts for the part of the hour the guest ran (its sample
// count against a full hour's); vCPU-hours use the vCPUs the hour's row recorded (the hour's average, so a
// change mid-hour counts for its part) and memory the memory QEMU gave it then; rows written before the
// history kept these (migration 0022) count what the guest has now.

export const usageGroupings = ["host", "tag", "owner", "guest"] as const;
export type UsageGrouping = (typeof usageGroupings)[number];
export const NO_TAG = "(no tag)";
export const UNKNOWN_OWNER = "(unknown)";

const GiB = 1024 ** 3;
const HOUR_S = 3600;

export type UsageHour = {
  samples: number;
  /** the hour's average vCPUs; null on rows from before they were kept */
  vcpus?: number | null;
  /** the memory given (the balloon's current size), else the memory total the hour reported */
  memGivenKiB?: number | null;
  memTotalKiB: number | null;
  diskBytesPerSec: number | null;
  netBytesPerSec: number | null;
};

export type UsageGuest = {
  hostId: string;
  hostName: string;
  uuid: string;
  name: string;
  tags: readonly string[];
  owner: string;
  vcpus: number;
  memoryKiB: number;
  /** the space of its disks now (the period's end), bytes; null when not known */
  diskBytes: number | null;
};

export type UsageTotals = {
  guests: number;
  hours: number;
  vcpuHours: number;
  memoryGiBHours: number;
  diskGiB: number;
  diskIoGiB: number;
  trafficGiB: number;
};

export type UsageGuestRow = UsageGuest & UsageTotals;
export type UsageGroupRow = { group: string } & UsageTotals;

export type UsageReport = {
  from: number;
  to: number;
  groupBy: UsageGrouping;
  groups: UsageGroupRow[];
  guests: UsageGuestRow[];
  /** over the guests (a guest with two tags is in two tag groups but counted once here) */
  total: UsageTotals;
};

const zero = (): UsageTotals => ({ guests: 0, hours: 0, vcpuHours: 0, memoryGiBHours: 0, diskGiB: 0, diskIoGiB: 0, trafficGiB: 0 });

function add(into: UsageTotals, row: UsageTotals): void {
  into.guests += row.guests;
  into.hours += row.hours;
  into.vcpuHours += row.vcpuHours;
  into.memoryGiBHours += row.memoryGiBHours;
  into.diskGiB += row.diskGiB;
  into.diskIoGiB += row.diskIoGiB;
  into.trafficGiB += row.trafficGiB;
}

/** One guest's usage from its hourly rows; `samplesPerHour` is a full hour's sample count (3600 s / the collector's interval). */
export function guestUsage(guest: UsageGuest, hours: readonly UsageHour[], samplesPerHour: number): UsageGuestRow {
  const t = zero();
  t.guests = 1;
  t.diskGiB = (guest.diskBytes ?? 0) / GiB;
  for (const h of hours) {
    const ran = Math.min(1, h.samples / samplesPerHour);
    t.hours += ran;
    t.vcpuHours += (h.vcpus ?? guest.vcpus) * ran;
    t.memoryGiBHours += ((h.memGivenKiB ?? h.memTotalKiB ?? guest.memoryKiB) * 1024 * ran) / GiB;
    t.diskIoGiB += ((h.diskBytesPerSec ?? 0) * HOUR_S * ran) / GiB;
    t.trafficGiB += ((h.netBytesPerSec ?? 0) * HOUR_S * ran) / GiB;
  }
  return { ...guest, ...t };
}

const groupsOf = (g: UsageGuestRow, by: UsageGrouping): string[] => {
  if (by === "host") return [g.hostName];
  if (by === "owner") return [g.owner];
  if (by === "guest") return [`${g.name} (${g.hostName})`];
  return g.tags.length ? [...g.tags] : [NO_TAG];
};

/** The report: each guest's usage, the sums per group (largest vCPU-hours first) and the total. */
export function usageReport(
  input: { from: number; to: number; groupBy: UsageGrouping; samplesPerHour: number },
  guests: readonly { guest: UsageGuest; hours: readonly UsageHour[] }[],
): UsageReport {
  const rows = guests.map(({ guest, hours }) => guestUsage(guest, hours, input.samplesPerHour));
  const groups = new Map<string, UsageGroupRow>();
  const total = zero();
  for (const row of rows) {
    add(total, row);
    for (const name of groupsOf(row, input.groupBy)) {
      let g = groups.get(name);
      if (!g) groups.set(name, (g = { group: name, ...zero() }));
      add(g, row);
    }
  }
  return {
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    groups: [...groups.values()].sort((a, b) => b.vcpuHours - a.vcpuHours || a.group.localeCompare(b.group)),
    guests: rows.sort((a, b) => b.vcpuHours - a.vcpuHours || a.name.localeCompare(b.name)),
    total,
  };
}

/** Numbers as reports show them: two decimals. */
export const round2 = (v: number): number => Math.round(v * 100) / 100;

/** A CSV's headers (and its few words: total, no tag) in the reader's language, from messages/*.json "reportCsv". */
export type ReportCsvWords = ReturnType<typeof useTranslations<"reportCsv">>;

const TOTAL_COLUMNS = ["guests", "hoursRun", "vcpuHours", "memoryGiBHours", "diskGiBEnd", "diskIoGiB", "trafficGiB"] as const;
const totalCells = (t: UsageTotals) => [t.guests, t.hours, t.vcpuHours, t.memoryGiBHours, t.diskGiB, t.diskIoGiB, t.trafficGiB].map(round2);

/** A group's name as people read it: the placeholders for no tag and an unknown owner in their words. */
export function groupName(t: ReportCsvWords, group: string): string {
  return group === NO_TAG ? t("usage.noTag") : group === UNKNOWN_OWNER ? t("usage.unknownOwner") : group;
}

/**
 * The report's groups and total as CSV (per guest with `perGuest`): headers in the reader's language, values
 * plain numbers a spreadsheet reads in any language.
 */
export function usageCsv(report: UsageReport, t: ReportCsvWords, perGuest = false): string {
  const header = (column: (typeof TOTAL_COLUMNS)[number] | UsageGrouping | "uuid" | "tags" | "vcpus") => t(`usage.${column}`);
  const lines = perGuest
    ? [
        [
          header("guest"),
          header("uuid"),
          header("host"),
          header("tags"),
          header("owner"),
          header("vcpus"),
          ...TOTAL_COLUMNS.slice(1).map(header),
        ],
        ...report.guests.map((g) => [
          g.name,
          g.uuid,
          g.hostName,
          g.tags.join(" "),
          groupName(t, g.owner),
          g.vcpus,
          ...totalCells(g).slice(1),
        ]),
      ]
    : [
        [header(report.groupBy), ...TOTAL_COLUMNS.map(header)],
        ...report.groups.map((g) => [groupName(t, g.group), ...totalCells(g)]),
        [t("usage.total"), ...totalCells(report.total)],
      ];
  return lines.map((l) => l.map(csvCell).join(",")).join("\n") + "\n";
}

/** The calendar month (UTC) before the one `now` is in: [first day, first day of the next). */
export function previousMonth(now: number): { from: number; to: number } {
  const d = new Date(now);
  return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1), to: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) };
}

/** A month "2026-11" as [first day, first day of the next), UTC. */
export function monthRange(month: string): { from: number; to: number } {
  const [y, m] = month.split("-").map(Number);
  return { from: Date.UTC(y!, m! - 1, 1), to: Date.UTC(y!, m!, 1) };
}

/** The period a usage query names: a month, a range of whole days (the last included), or else the month before `now`. */
export function usagePeriod(q: { month?: string; from?: string; to?: string }, now: number): { from: number; to: number } {
  if (q.month) return monthRange(q.month);
  if (q.from && q.to) return { from: Date.parse(`${q.from}T00:00:00Z`), to: Date.parse(`${q.to}T00:00:00Z`) + 24 * 3_600_000 };
  return previousMonth(now);
}
