import "server-only";
import type { CapacityItem } from "@/lib/reports/capacity-types";
import { DEFAULT_WARNING_LEVEL } from "@/lib/reports/forecast";
import { db as database, type Db } from "../db";
import { scheduler } from "../jobs/scheduler";
import { forecastCapacity } from "./capacity";

// The fleet's forecasts for the dashboard. They rest on hourly rows, so once an hour, five minutes after the
// hour (when every instance has rolled up its hosts' hour), one instance (the scheduler claims each slot once)
// works them out at the default warning level and stores them (FleetForecast); readers look them up. A fleet
// whose forecasts are quicker to work out than the dashboard API's goal is worked out on every read instead,
// so new hourly rows show at once; so is any other warning level, shared for FLEET_CACHE_MS when it is slow.

export const FLEET_FORECAST_KIND = "capacity.forecast";
const HOURLY = { cron: "5 * * * *", tz: "UTC" };
/** The dashboard API's goal: a fleet quicker than this is worked out on every read. */
export const WORK_OUT_ON_READ_UNDER_MS = 200;
/** A stored result older than this (the job missed its hours) is not used. */
const STORED_FOR_MS = 2 * 3_600_000;
const FLEET_CACHE_MS = 10 * 60_000;

/** Works the fleet's forecasts out and stores them with how long that took. */
export async function storeFleetForecasts(db: Db, now = Date.now(), warningLevel = DEFAULT_WARNING_LEVEL) {
  const started = performance.now();
  const items = await forecastCapacity(db, { now, warningLevel });
  const tookMs = performance.now() - started;
  const data = { at: new Date(now), tookMs, items: JSON.stringify(items) };
  await db.fleetForecast.upsert({ where: { warningLevel }, create: { warningLevel, ...data }, update: data });
  return { items: items.length, tookMs: Math.round(tookMs) };
}

/** Called once at start (server.ts), after the job service. */
export async function startFleetForecasts(): Promise<void> {
  const s = scheduler();
  s.handle(FLEET_FORECAST_KIND, () => storeFleetForecasts(database()));
  await s.schedule(FLEET_FORECAST_KIND, HOURLY, null, { key: FLEET_FORECAST_KIND, label: "Working out the fleet's capacity forecasts" });
}

const memo = new Map<number, { at: number; items: Promise<CapacityItem[]> }>();

/** Worked out now; kept for FLEET_CACHE_MS (and shared by readers meanwhile) only when that was slow. */
function workedOut(db: Db, warningLevel: number, now: number): Promise<CapacityItem[]> {
  const cached = memo.get(warningLevel);
  if (cached && now >= cached.at && now - cached.at < FLEET_CACHE_MS) return cached.items;
  const started = performance.now();
  const items = forecastCapacity(db, { now, warningLevel });
  const entry = { at: now, items };
  memo.set(warningLevel, entry);
  const forget = () => memo.get(warningLevel) === entry && memo.delete(warningLevel);
  items.then(() => performance.now() - started < WORK_OUT_ON_READ_UNDER_MS && forget(), forget);
  return items;
}

/** Every host's and pool's forecast at a warning level (the dashboard's Capacity card). */
export async function fleetForecasts(warningLevel: number, now: number, db: Db = database()): Promise<CapacityItem[]> {
  const stored = await db.fleetForecast.findUnique({ where: { warningLevel } });
  const fresh = stored && now - stored.at.getTime() < STORED_FOR_MS && now >= stored.at.getTime();
  if (fresh && stored.tookMs >= WORK_OUT_ON_READ_UNDER_MS) return JSON.parse(stored.items) as CapacityItem[];
  return workedOut(db, warningLevel, now);
}
