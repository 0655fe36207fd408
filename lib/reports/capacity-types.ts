import type { Forecast, UsageSample } from "./forecast";

// What the capacity API returns: per host (CPU, memory) and per storage pool (space), the forecast of
// when it fills, soonest first; with `series`, the hourly samples the fit was made from (for the chart).

/** Per kind, what it is about and the key of its words (messages/*.json "capacity.kind"). */
export const capacityKinds = {
  "host.cpu": { key: "hostCpu", on: "host" },
  "host.memory": { key: "hostMemory", on: "host" },
  "pool.space": { key: "poolSpace", on: "pool" },
} as const;
export type CapacityKind = keyof typeof capacityKinds;
export const capacityKindNames = Object.keys(capacityKinds) as [CapacityKind, ...CapacityKind[]];

export interface CapacityItem {
  kind: CapacityKind;
  hostId: string;
  hostName: string;
  /** the pool's name; "" for a host */
  pool: string;
  forecast: Forecast;
  samples?: UsageSample[];
}

export interface CapacityResponse {
  now: number;
  /** how many hosts the person may see forecasts of (none: the card stays away) */
  hosts: number;
  warningLevel: number;
  items: CapacityItem[];
}

/** Soonest to fill first: by the date 100 % is reached, then the warning level; never-filling ones last. */
export function bySoonest(a: CapacityItem, b: CapacityItem): number {
  const key = (i: CapacityItem) => [i.forecast.fullAt ?? Infinity, i.forecast.warningAt ?? Infinity] as const;
  const [af, aw] = key(a);
  const [bf, bw] = key(b);
  return af - bf || aw - bw || (b.forecast.current ?? 0) - (a.forecast.current ?? 0);
}
