import "server-only";
import type { AlertRule } from "@/generated/prisma-sqlite/client";
import { forecastTargets, type ForecastTarget } from "@/lib/alerts/rules";
import { scopeCovers } from "@/lib/alerts/scopes";
import { storeAlertMessage } from "@/lib/alerts/words";
import { daysUntil } from "@/lib/reports/forecast";
import type { Db } from "../db";
import { forecastCapacity } from "../forecasts/capacity";
import type { Evaluation } from "./evaluate";
import { fireAlert, openAlert, resolveAlert } from "./transitions";

const FORECAST_EVERY_MS = 10 * 60_000;
/** Per rule, when this instance last judged it. */
const lastLooked = new Map<string, number>();

/**
 * A forecast rule over every host (or pool) in its scope: fires while the 30-day trend reaches 100 %
 * within the rule's days, resolves once it no longer does. Too little history is no finding either way.
 */
export async function evaluateForecastRule(db: Db, rule: AlertRule, now: number, tally: Evaluation): Promise<void> {
  const target = forecastTargets[rule.target as ForecastTarget];
  if (!target) return;
  // Forecasts rest on hourly rows: looking every round (30 s) would only repeat the same fit.
  const last = lastLooked.get(rule.id);
  if (last !== undefined && now >= last && now - last < FORECAST_EVERY_MS && last >= rule.updatedAt.getTime()) return;
  lastLooked.set(rule.id, now);
  const items = await forecastCapacity(db, { now, hostIds: rule.hostId ? [rule.hostId] : undefined, kinds: [target.capacity] });
  for (const item of items) {
    if (!item.forecast.enough || !scopeCovers(rule, { hostId: item.hostId, pool: item.pool ?? null })) continue;
    const subject = item.pool ? `pool:${item.hostId}/${item.pool}` : `capacity:${target.capacity}:${item.hostId}`;
    const days = daysUntil(item.forecast.fullAt, now);
    if (days !== null && days <= rule.level) {
      const finding = {
        subject,
        hostId: item.hostId,
        guestUuid: null,
        value: Math.round(days * 10) / 10,
        message: storeAlertMessage({
          kind: "forecast",
          target: rule.target,
          level: rule.level,
          host: item.hostName,
          ...(item.pool ? { pool: item.pool } : {}),
          days,
          fullAt: item.forecast.fullAt,
        }),
      };
      if (await fireAlert(db, rule, finding, new Date(now))) tally.fired++;
    } else {
      const open = await openAlert(db, rule.id, subject);
      if (open && (await resolveAlert(db, open, new Date(now)))) tally.resolved++;
    }
  }
}
