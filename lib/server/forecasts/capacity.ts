import "server-only";
import { bySoonest, type CapacityItem, type CapacityKind, type CapacityResponse } from "@/lib/reports/capacity-types";
import { DAY_MS, DEFAULT_WARNING_LEVEL, FORECAST_WINDOW_DAYS, forecast, type UsageSample } from "@/lib/reports/forecast";
import { can } from "@/lib/roles";
import type { Db } from "../db";
import { db as database } from "../db";
import type { VerbContext } from "../verb-context";

// Capacity forecasts from stored history: each host's hourly CPU and memory use (MetricPoint "1h" rows)
// and each pool's hourly space (PoolUsagePoint) over the last FORECAST_WINDOW_DAYS, fitted with a line.

const percent = (part: number | null, whole: number | null) => (part === null || !whole ? null : (part / whole) * 100);

export interface ForecastOptions {
  now: number;
  warningLevel?: number;
  /** only these hosts (all when omitted) */
  hostIds?: readonly string[];
  /** which kinds (all when omitted) */
  kinds?: readonly CapacityKind[];
  withSamples?: boolean;
}

/** Every host's and pool's forecast in the options' reach, soonest to fill first. */
export async function forecastCapacity(db: Db, options: ForecastOptions): Promise<CapacityItem[]> {
  const { now, warningLevel = DEFAULT_WARNING_LEVEL, hostIds, kinds, withSamples = false } = options;
  const since = Math.floor((now - FORECAST_WINDOW_DAYS * DAY_MS) / 60_000);
  const hostWhere = hostIds ? { hostId: { in: [...hostIds] } } : {};
  const wants = (k: CapacityKind) => !kinds || kinds.includes(k);
  const names = new Map(
    (await db.host.findMany({ where: hostIds ? { id: { in: [...hostIds] } } : {}, select: { id: true, name: true } })).map((h) => [
      h.id,
      h.name,
    ]),
  );
  const series = new Map<string, { kind: CapacityKind; hostId: string; pool: string; samples: UsageSample[] }>();
  const add = (kind: CapacityKind, hostId: string, pool: string, t: number, value: number | null) => {
    if (value === null || !names.has(hostId)) return;
    const key = `${kind} ${hostId} ${pool}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { kind, hostId, pool, samples: [] }));
    s.samples.push({ t, value });
  };
  if (wants("host.cpu") || wants("host.memory")) {
    const rows = await db.metricPoint.findMany({
      where: { resolution: "1h", guestUuid: "", bucket: { gte: since }, ...hostWhere },
      select: { hostId: true, bucket: true, cpuPercent: true, memUsedKiB: true, memTotalKiB: true },
      orderBy: { bucket: "asc" },
    });
    for (const r of rows) {
      if (wants("host.cpu")) add("host.cpu", r.hostId, "", r.bucket * 60_000, r.cpuPercent);
      if (wants("host.memory")) add("host.memory", r.hostId, "", r.bucket * 60_000, percent(r.memUsedKiB, r.memTotalKiB));
    }
  }
  if (wants("pool.space")) {
    const rows = await db.poolUsagePoint.findMany({ where: { bucket: { gte: since }, ...hostWhere }, orderBy: { bucket: "asc" } });
    for (const r of rows) add("pool.space", r.hostId, r.pool, r.bucket * 60_000, percent(r.allocationBytes, r.capacityBytes));
  }
  return [...series.values()]
    .map((s) => ({
      kind: s.kind,
      hostId: s.hostId,
      hostName: names.get(s.hostId) ?? s.hostId,
      pool: s.pool,
      forecast: forecast(s.samples, now, warningLevel),
      ...(withSamples ? { samples: s.samples } : {}),
    }))
    .sort(bySoonest);
}

/**
 * The forecasts a person may see: hosts where they have metrics.view, pools where they also have
 * storage.view. One host with its samples for its page's chart, or every host without.
 */
export async function readCapacity(
  ctx: VerbContext,
  input: { hostId?: string; pool?: string; warningLevel?: number; now?: number },
): Promise<CapacityResponse> {
  const { grants } = ctx.actor;
  const now = input.now ?? Date.now();
  const warningLevel = input.warningLevel ?? DEFAULT_WARNING_LEVEL;
  const all = (await database().host.findMany({ select: { id: true } })).map((h) => h.id);
  const hostIds = all.filter((id) => (!input.hostId || id === input.hostId) && can(grants, "metrics.view", { kind: "host", hostId: id }));
  const items = (await forecastCapacity(database(), { now, warningLevel, hostIds, withSamples: Boolean(input.hostId) })).filter(
    (i) =>
      (i.kind !== "pool.space" || can(grants, "storage.view", { kind: "host", hostId: i.hostId })) &&
      (input.pool === undefined || i.pool === input.pool),
  );
  return { now, warningLevel, items };
}
