"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { TimeChart } from "@/components/metrics/time-chart";
import { api } from "@/lib/client/api";
import { capacityKinds, type CapacityItem, type CapacityResponse } from "@/lib/reports/capacity-types";
import { confidence, DAY_MS, lineAt } from "@/lib/reports/forecast";
import { PERCENT_FORMAT, useWhenText, type CapacityWords } from "./capacity-card";

/** How far the projection line reaches past now: to the day it fills, within these bounds. */
const MIN_AHEAD_DAYS = 7;
const MAX_AHEAD_DAYS = 90;

/** The measured hourly use, the fitted line carried into the future, and the warning level, as chart columns. */
export function projection(t: CapacityWords, item: CapacityItem, now: number, warningLevel: number) {
  const samples = item.samples ?? [];
  const fit = item.forecast.fit;
  const until =
    fit && item.forecast.fullAt !== null && item.forecast.fullAt > now
      ? Math.min(now + MAX_AHEAD_DAYS * DAY_MS, Math.max(now + MIN_AHEAD_DAYS * DAY_MS, item.forecast.fullAt))
      : now + MIN_AHEAD_DAYS * DAY_MS;
  const future = [now, ...Array.from({ length: 10 }, (_, k) => now + ((k + 1) / 10) * (until - now))];
  const times = [...samples.map((s) => s.t), ...future.filter((x) => x > (samples.at(-1)?.t ?? -Infinity))];
  const measured = times.map((_, k) => samples[k]?.value ?? null);
  const trend = times.map((x) => (fit ? Math.round(Math.min(lineAt(fit, x), 150) * 100) / 100 : null));
  return {
    t: times,
    series: [
      { label: t("measured"), values: measured, color: "#2563eb" },
      { label: t("trend"), values: trend, color: "#dc2626" },
      { label: t("warningSeries", { level: warningLevel }), values: times.map(() => warningLevel), color: "#f59e0b" },
    ],
  };
}

/** A host's (CPU, memory) or a pool's (space) forecast with its chart: when it fills, how sure, the projection. */
export function CapacityForecast({ hostId, pool }: { hostId: string; pool?: string }) {
  const t = useTranslations("capacity");
  const format = useFormatter();
  const whenText = useWhenText();
  const percent = (v: number) => format.number(v / 100, PERCENT_FORMAT);
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
    <section aria-label={t("forecastTitle")} className="space-y-3">
      <h2 className="text-base font-semibold">{t("forecastTitle")}</h2>
      {shown.length === 0 ? <p className="text-sm text-slate-500">{t("noHistory")}</p> : null}
      {shown.map((i) => {
        const { t: times, series } = projection(t, i, now, warningLevel);
        const title = pool ? t("spaceUsedIn", { pool }) : t(`use.${capacityKinds[i.kind].key}`);
        return (
          <div key={i.kind} className="space-y-1" data-testid="capacity-forecast">
            <p className="text-sm">
              {i.forecast.enough
                ? t("forecastLine", {
                    title,
                    level: warningLevel,
                    warning: whenText(i.forecast.warningAt, now, true),
                    full: whenText(i.forecast.fullAt, now, true),
                    slope: format.number(i.forecast.fit!.slope, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
                    confidence: t(`confidence.${confidence(i.forecast)}`),
                    r2: format.number(i.forecast.fit!.r2, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
                  })
                : t("notEnoughLine", { title, points: i.forecast.points })}
            </p>
            <TimeChart title={title} t={times} series={series} format={percent} />
          </div>
        );
      })}
    </section>
  );
}
