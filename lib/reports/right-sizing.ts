import type { useTranslations } from "next-intl";
import { csvCell } from "@/lib/metrics/csv";

// Shared by server and browser: which guests were given far more than they use (oversized), which did
// nothing for days (idle), and what could be taken back. Judged on the stored hourly averages of the
// last RIGHT_SIZING_DAYS (a 95th percentile of hourly averages: short peaks inside an hour are smoothed).

export const RIGHT_SIZING_DAYS = 30;
/** Oversized: the 95th percentile of use is below this share of what the guest was given. */
export const OVERSIZED_PERCENT = 25;
/** A suggested size leaves the 95th percentile at about this share of it. */
export const TARGET_PERCENT = 50;
/** Fewer hourly averages than this (three days): not judged. */
export const MIN_HOURS = 72;
export const DEFAULT_IDLE_DAYS = 7;
/** Idle: every hour of the idle days below all of these. */
export const IDLE_LIMITS = { cpuPercent: 2, diskBytesPerSec: 16 * 1024, netBytesPerSec: 8 * 1024 } as const;
/** The smallest memory a suggestion goes down to, and its step. */
const MEMORY_STEP_KIB = 256 * 1024;

export type HourUse = {
  /** start of the hour (ms) */ t: number;
  /** % of the guest's own vCPUs */ cpuPercent: number | null;
  memUsedKiB: number | null;
  diskBytesPerSec: number | null;
  netBytesPerSec: number | null;
};

export type GuestAllocation = { hostId: string; uuid: string; name: string; vcpus: number; memoryKiB: number };

export interface RightSizingRow extends GuestAllocation {
  hours: number;
  /** 95th percentile of hourly CPU use, % of the guest's vCPUs; null without data */
  cpuP95: number | null;
  /** 95th percentile of hourly memory use, % of the memory given; null without data (no balloon statistics) */
  memoryP95: number | null;
  oversizedCpu: boolean;
  oversizedMemory: boolean;
  /** idle for the whole idle window */
  idle: boolean;
  suggestedVcpus: number;
  suggestedMemoryKiB: number;
  /** what could be taken back: an idle guest's everything, otherwise the oversized part */
  reclaimVcpus: number;
  reclaimMemoryKiB: number;
}

export type RightSizingResponse = {
  now: number;
  days: number;
  idleDays: number;
  hosts: { id: string; name: string }[];
  rows: RightSizingRow[];
  /** hosts that could not be reached: their guests are missing */
  errors: { hostId: string; message: string }[];
};

/** The p-th percentile (0…100) by linear interpolation between closest ranks; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

const numbers = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null);

/** True when every hour since `now - days` is present and below the idle limits. */
export function isIdle(hours: readonly HourUse[], now: number, days: number): boolean {
  const since = now - days * 24 * 3_600_000;
  const window = hours.filter((h) => h.t >= since);
  // Covered: about one row per hour of the window (a guest stopped part of the time is not idle, it is off).
  if (window.length < days * 24 * 0.9) return false;
  return window.every(
    (h) =>
      (h.cpuPercent ?? 0) < IDLE_LIMITS.cpuPercent &&
      (h.diskBytesPerSec ?? 0) < IDLE_LIMITS.diskBytesPerSec &&
      (h.netBytesPerSec ?? 0) < IDLE_LIMITS.netBytesPerSec,
  );
}

/** One guest judged on its hourly use; null when there is too little history to say. */
export function judgeGuest(
  guest: GuestAllocation,
  hours: readonly HourUse[],
  now: number,
  idleDays = DEFAULT_IDLE_DAYS,
): RightSizingRow | null {
  if (hours.length < MIN_HOURS) return null;
  const cpuP95 = percentile(numbers(hours.map((h) => h.cpuPercent)), 95);
  const memUsedP95 = percentile(numbers(hours.map((h) => h.memUsedKiB)), 95);
  const memoryP95 = memUsedP95 === null || !guest.memoryKiB ? null : (memUsedP95 / guest.memoryKiB) * 100;
  const oversizedCpu = cpuP95 !== null && cpuP95 < OVERSIZED_PERCENT && guest.vcpus > 1;
  const oversizedMemory = memoryP95 !== null && memoryP95 < OVERSIZED_PERCENT && guest.memoryKiB > MEMORY_STEP_KIB;
  const suggestedVcpus = oversizedCpu
    ? Math.min(guest.vcpus, Math.max(1, Math.ceil((guest.vcpus * cpuP95!) / TARGET_PERCENT)))
    : guest.vcpus;
  const suggestedMemoryKiB = oversizedMemory
    ? Math.min(
        guest.memoryKiB,
        Math.max(MEMORY_STEP_KIB, Math.ceil((memUsedP95! * 100) / TARGET_PERCENT / MEMORY_STEP_KIB) * MEMORY_STEP_KIB),
      )
    : guest.memoryKiB;
  const idle = isIdle(hours, now, idleDays);
  return {
    ...guest,
    hours: hours.length,
    cpuP95,
    memoryP95,
    oversizedCpu,
    oversizedMemory,
    idle,
    suggestedVcpus,
    suggestedMemoryKiB,
    reclaimVcpus: idle ? guest.vcpus : guest.vcpus - suggestedVcpus,
    reclaimMemoryKiB: idle ? guest.memoryKiB : guest.memoryKiB - suggestedMemoryKiB,
  };
}

/** The guests worth a look (oversized or idle), most to reclaim first. */
export function rightSizing(
  guests: readonly { guest: GuestAllocation; hours: readonly HourUse[] }[],
  now: number,
  idleDays = DEFAULT_IDLE_DAYS,
): RightSizingRow[] {
  return guests
    .map(({ guest, hours }) => judgeGuest(guest, hours, now, idleDays))
    .filter((r): r is RightSizingRow => r !== null && (r.idle || r.oversizedCpu || r.oversizedMemory))
    .sort((a, b) => b.reclaimMemoryKiB - a.reclaimMemoryKiB || b.reclaimVcpus - a.reclaimVcpus || a.name.localeCompare(b.name));
}

/** The CSV's columns; their headers are messages/*.json "reportCsv.rightSizing". */
const COLUMNS = [
  "guest",
  "host",
  "uuid",
  "finding",
  "vcpus",
  "cpuP95",
  "suggestedVcpus",
  "reclaimVcpus",
  "memoryGiB",
  "memoryP95",
  "suggestedMemoryGiB",
  "reclaimMemoryGiB",
] as const;

/** The report as CSV: headers and findings in the reader's language, sizes and percentages as plain numbers. */
export function rightSizingCsv(
  rows: readonly RightSizingRow[],
  hostName: (id: string) => string,
  t: ReturnType<typeof useTranslations<"reportCsv">>,
): string {
  const gib = (kib: number) => Math.round((kib / 1024 / 1024) * 100) / 100;
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const lines = rows.map((r) =>
    [
      r.name,
      hostName(r.hostId),
      r.uuid,
      t(`finding.${finding(r)}`),
      r.vcpus,
      pct(r.cpuP95),
      r.suggestedVcpus,
      r.reclaimVcpus,
      gib(r.memoryKiB),
      pct(r.memoryP95),
      gib(r.suggestedMemoryKiB),
      gib(r.reclaimMemoryKiB),
    ]
      .map(csvCell)
      .join(","),
  );
  return [COLUMNS.map((c) => csvCell(t(`rightSizing.${c}`))).join(","), ...lines].join("\n") + "\n";
}

/** What was found about a guest, as the key of its words (reportCsv.finding). */
export function finding(r: Pick<RightSizingRow, "idle" | "oversizedCpu" | "oversizedMemory">): "idle" | "cpuAndMemory" | "cpu" | "memory" {
  if (r.idle) return "idle";
  if (r.oversizedCpu && r.oversizedMemory) return "cpuAndMemory";
  return r.oversizedCpu ? "cpu" : "memory";
}
