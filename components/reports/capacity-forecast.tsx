"use client";

import { useQuery } from "@tanstack/react-query";
import { TimeChart } from "@/components/metrics/time-chart";
import { api } from "@/lib/client/api";
import { capacityKinds, type CapacityItem, type CapacityResponse } from "@/lib/reports/capacity-types";
import { confidenceText, DAY_MS, lineAt } from "@/lib/reports/forecast";
import { whenText } from "./capacity-card";

/** How far the projection line reaches past now: to the day it fills, within these bounds. */
const MIN_AHEAD_DAYS = 7;
const MAX_AHEAD_DAYS = 90;

/** The measured hourly use, the fitted line carried into the future, and the warning level, as chart columns. */
export function projection(item: CapacityItem, now: number, warningLevel: number) {
  const samples = item.samples ?? [];
  const fit = item.forecast.fit;
  const until =
    fit && item.forecast.fullAt !== null && item.forecast.fullAt > now
      ? Math.min(now + MAX_AHEAD_DAYS * DAY_MS, Math.max(now + MIN_AHEAD_DAYS * DAY_MS, item.forecast.fullAt))
      : now + MIN_AHEAD_DAYS * DAY_MS;
  const future = [now, ...Array.from({ length: 10 }, (_, k) => now + ((k + 1) / 10) * (until - now))];
  const t = [...samples.map((s) => s.t), ...future.filter((x) => x > (samples.at(-1)?.t ?? -Infinity))];
  const measured = t.map((_, k) => samples[k]?.value ?? null);
  const trend = t.map((x) => (fit ? Math.round(Math.min(lineAt(fit, x), 150) * 100) / 100 : null));
  return {
    t,
    series: [
      { label: "Measured", values: measured, color: "#2563eb" },
      { label: "Trend", values: trend, color: "#dc2626" },
      { label: `${warningLevel} % warning`, values: t.map(() => warningLevel), color: "#f59e0b" },
    ],
  };
}

/** A host's (CPU, memory) or a pool's (space) forecast with its chart: when it fills, how sure, the projection. */
export function CapacityForecast({ hostId, pool }: { hostId: string; pool?: string }) {
  const params = new URLSearchParams({ hostId, ...(pool ? { pool } : {}) });
  const capacity = useQuery({
    queryKey: ["capacity", hostId, pool ?? ""],
    queryFn: () => api<CapacityResponse>(`/api/capacity?${params}`),
    refetchInterval: 5 * 60_000,
  });
  if (capacity.isPending) return null;
  if (capacity.isError) return <p role="alert">{capacity.error.message}</p>;
  const { items, now, warningLevel } = capacity.data;
  const shown = items.filter((i) => (pool ? i.kind === "pool.space" : i.kind !== "pool.space"));
  return (
    <section aria-label="Capacity forecast" className="space-y-3">
      <h2 className="text-base font-semibold">Capacity forecast</h2>
      {shown.length === 0 ? <p className="text-sm text-slate-500">No stored history yet.</p> : null}
      {shown.map((i) => {
        const { t, series } = projection(i, now, warningLevel);
        const title = pool ? `Space used in ${pool}` : `${capacityKinds[i.kind].words} use`;
        return (
          <div key={i.kind} className="space-y-1" data-testid="capacity-forecast">
            <p className="text-sm">
              <span className="font-medium">{title}:</span>{" "}
              {i.forecast.enough
                ? `${warningLevel} % ${whenText(i.forecast.warningAt, now).toLowerCase()}; full ${whenText(i.forecast.fullAt, now).toLowerCase()}; ${i.forecast.fit!.slope.toFixed(
                    2,
                  )} % a day (${confidenceText(i.forecast).toLowerCase()}, R² ${i.forecast.fit!.r2.toFixed(2)}).`
                : `not enough history (${i.forecast.points} hourly averages; a forecast needs a day).`}
            </p>
            <TimeChart title={title} t={t} series={series} format={(v) => `${v.toFixed(0)} %`} />
          </div>
        );
      })}
    </section>
  );
}
