// The series the collector produces, one point per guest and per host each interval. A null value
// means "no honest number for this interval" (first sample, counter reset, device set changed, or a
// driver that does not report it); charts show a gap there.

export const GUEST_SERIES = [
  /** % of the guest's own vCPUs (100 = every vCPU busy). */
  "cpuPercent",
  /** % of the host's physical CPUs this guest used. */
  "cpuHostPercent",
  "memUsedKiB",
  "memTotalKiB",
  "diskReadBps",
  "diskWriteBps",
  "diskReadIops",
  "diskWriteIops",
  "netRxBps",
  "netTxBps",
  "netRxPps",
  "netTxPps",
  /** The vCPUs the guest has (online), so reports count vCPU-hours as they were. */
  "vcpus",
  /** The memory QEMU gives the guest now (the balloon's current size), KiB. */
  "memGivenKiB",
] as const;

export const HOST_SERIES = ["cpuPercent", "memUsedKiB", "memTotalKiB"] as const;

export type GuestSeries = (typeof GUEST_SERIES)[number];
export type HostSeries = (typeof HOST_SERIES)[number];
/** Every column a stored point may have (a host point uses the host series, the rest stay null). */
export const ALL_SERIES: readonly GuestSeries[] = GUEST_SERIES;
export type SeriesName = GuestSeries;

export type GuestPoint = { t: number } & Record<GuestSeries, number | null>;
export type HostPoint = { t: number } & Record<HostSeries, number | null>;
/** A point of either kind, as history returns it. */
export type AnyPoint = { t: number } & Partial<Record<SeriesName, number | null>>;

export function isSeriesName(name: string): name is SeriesName {
  return (ALL_SERIES as readonly string[]).includes(name);
}
