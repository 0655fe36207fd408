// Shared by server and browser: what an alert rule can watch, and how a metric rule judges a series.

import type { CapacityKind } from "@/lib/reports/capacity-types";
import type { Concern } from "./scopes";

/**
 * What a metric rule watches: per target, the key of its words (alertWords.target in messages/*.json), its unit
 * and what it is about.
 */
export const metricTargets = {
  "host.cpu": { key: "hostCpu", unit: "%", on: "host" },
  "host.memory": { key: "hostMemory", unit: "%", on: "host" },
  "guest.cpu": { key: "guestCpu", unit: "%", on: "guest" },
  "guest.memory": { key: "guestMemory", unit: "%", on: "guest" },
  "guest.disk": { key: "guestDisk", unit: "MiB/s", on: "guest" },
  "guest.network": { key: "guestNetwork", unit: "MiB/s", on: "guest" },
  /** Judged on the hourly sample of each pool's space (forecasts/pool-sampler.ts). */
  "pool.usage": { key: "poolUsage", unit: "%", on: "pool" },
} as const satisfies Record<string, { key: string; unit: string; on: Concern }>;
export type MetricTarget = keyof typeof metricTargets;

/** What an event rule watches: each fires once per subject and resolves as its words (alertWords.event, .resolves) say. */
export const eventTargets = {
  "guest.crashed": { key: "guestCrashed", on: "guest" },
  "guest.paused": { key: "guestPaused", on: "guest" },
  "host.unreachable": { key: "hostUnreachable", on: "host" },
  "job.failed": { key: "jobFailed", on: "job" },
} as const satisfies Record<string, { key: string; on: Concern }>;
export type EventTarget = keyof typeof eventTargets;

/** What a forecast rule watches: a host's or pool's 30-day trend reaching 100 % within `level` days (lib/reports/forecast.ts). */
export const forecastTargets = {
  "host.cpu.full": { key: "hostCpuFull", capacity: "host.cpu", on: "host" },
  "host.memory.full": { key: "hostMemoryFull", capacity: "host.memory", on: "host" },
  "pool.space.full": { key: "poolSpaceFull", capacity: "pool.space", on: "pool" },
} as const satisfies Record<string, { key: string; capacity: CapacityKind; on: Concern }>;
export type ForecastTarget = keyof typeof forecastTargets;
export const forecastTargetNames = Object.keys(forecastTargets) as [ForecastTarget, ...ForecastTarget[]];
/** A forecast rule looks at most this far ahead. */
export const MAX_FORECAST_DAYS = 365;

export const metricTargetNames = Object.keys(metricTargets) as [MetricTarget, ...MetricTarget[]];
export const eventTargetNames = Object.keys(eventTargets) as [EventTarget, ...EventTarget[]];

export const comparisons = ["above", "below"] as const;
export type Comparison = (typeof comparisons)[number];

/** What a rule's target is about (host, guest, pool or job), which decides the scopes it may have (scopes.ts). */
export function concernOf(kind: string, target: string): Concern | null {
  const all: Record<string, { on: Concern }> = kind === "metric" ? metricTargets : kind === "event" ? eventTargets : forecastTargets;
  return all[target]?.on ?? null;
}

/** One value of a series: when (ms) and what, in the target's unit. */
export type Sample = { t: number; value: number };

/** What a series says about a metric rule now: met for the whole duration, not met now, or not known (too little or stale data). */
export type Judgement = { state: "met" | "clear" | "unknown"; value: number | null };

export type MetricCondition = { comparison: Comparison; level: number; durationMinutes: number };

export const meets = (c: Pick<MetricCondition, "comparison" | "level">, value: number): boolean =>
  c.comparison === "above" ? value > c.level : value < c.level;

/**
 * Judges a rule over a series of per-step samples (stepMs apart, each stamped with its step's start):
 * "met" when every sample of the last `durationMinutes` meets the condition and the samples reach back
 * that far; "clear" when the newest sample does not meet it; "unknown" when the newest sample is older
 * than two steps (a host not sampled) or the condition holds for less than the duration so far.
 */
export function judgeSeries(condition: MetricCondition, samples: readonly Sample[], now: number, stepMs = 60_000): Judgement {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const newest = sorted.at(-1);
  if (!newest || newest.t < now - 2 * stepMs - stepMs) return { state: "unknown", value: null };
  if (!meets(condition, newest.value)) return { state: "clear", value: newest.value };
  const windowStart = now - condition.durationMinutes * 60_000;
  const inWindow = sorted.filter((s) => s.t + stepMs > windowStart);
  const covered = inWindow.length > 0 && inWindow[0]!.t <= windowStart + stepMs;
  const everyMeets = inWindow.every((s) => meets(condition, s.value));
  return { state: covered && everyMeets ? "met" : "unknown", value: newest.value };
}
