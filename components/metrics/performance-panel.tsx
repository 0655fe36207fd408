"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { useUnits } from "@/lib/client/use-units";
import type { SeriesName } from "@/lib/metrics/series";
import { metricsRanges, type MetricsRange } from "@/lib/validations/metrics";
import { TimeChart } from "./time-chart";

/** What GET …/metrics answers (columnar, as uPlot takes it). */
type History = {
  from: number;
  to: number;
  resolution: "raw" | "prometheus" | "1m" | "1h";
  stepMs: number;
  t: number[];
  avg: Partial<Record<SeriesName, (number | null)[]>>;
};

type Words = ReturnType<typeof useTranslations<"metricsCharts">>;
type ChartKey = Parameters<Words>[0] & `chart.${string}`;
type LineKey = Parameters<Words>[0] & `line.${string}`;
type Unit = "percent" | "bytes" | "rate" | "perSecond";

type ChartSpec = {
  title: ChartKey;
  unit: Unit;
  lines: { series: SeriesName; label: LineKey; color: string; scale?: number }[];
};

const guestCharts: ChartSpec[] = [
  {
    title: "chart.cpu",
    unit: "percent",
    lines: [
      { series: "cpuPercent", label: "line.ofItsVcpus", color: "#2563eb" },
      { series: "cpuHostPercent", label: "line.ofTheHost", color: "#94a3b8" },
    ],
  },
  {
    title: "chart.memory",
    unit: "bytes",
    lines: [
      { series: "memUsedKiB", label: "line.used", color: "#16a34a", scale: 1024 },
      { series: "memTotalKiB", label: "line.total", color: "#94a3b8", scale: 1024 },
    ],
  },
  {
    title: "chart.disk",
    unit: "rate",
    lines: [
      { series: "diskReadBps", label: "line.read", color: "#9333ea" },
      { series: "diskWriteBps", label: "line.write", color: "#ea580c" },
    ],
  },
  {
    title: "chart.diskIops",
    unit: "perSecond",
    lines: [
      { series: "diskReadIops", label: "line.reads", color: "#9333ea" },
      { series: "diskWriteIops", label: "line.writes", color: "#ea580c" },
    ],
  },
  {
    title: "chart.network",
    unit: "rate",
    lines: [
      { series: "netRxBps", label: "line.received", color: "#0891b2" },
      { series: "netTxBps", label: "line.sent", color: "#db2777" },
    ],
  },
];

const hostCharts: ChartSpec[] = [guestCharts[0], guestCharts[1]].map((c, i) =>
  i === 0 ? { ...c, lines: [{ series: "cpuPercent" as const, label: "line.busy" as const, color: "#2563eb" }] } : c,
);

const CUSTOM: MetricsRange = "custom";
const DATETIME_LOCAL = "datetime-local";
/** The chart's span: day and minute, in the person's language and time zone. */
const SPAN_FORMAT = { dateStyle: "medium", timeStyle: "short" } as const;
const toLocalInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** A step as its largest whole unit ("1 min", "10 s"), written by Intl in the person's language. */
function stepUnit(stepMs: number): { value: number; unit: "second" | "minute" | "hour" } {
  const s = Math.round(stepMs / 1000);
  if (s >= 3600 && s % 3600 === 0) return { value: s / 3600, unit: "hour" };
  if (s >= 60 && s % 60 === 0) return { value: s / 60, unit: "minute" };
  return { value: s, unit: "second" };
}

/**
 * Performance charts of a guest (uuid) or of a host: the live hour re-read whenever the host's collector
 * reports new points (a /ws/events message), longer ranges from the rollups (or Prometheus), at most a minute old.
 */
export function PerformancePanel({ hostId, uuid }: { hostId: string; uuid?: string }) {
  const t = useTranslations("metricsCharts");
  const format = useFormatter();
  const units = useUnits();
  const [range, setRange] = useState<MetricsRange>("1h");
  const [custom, setCustom] = useState(() => ({ from: toLocalInput(Date.now() - 6 * 3600_000), to: toLocalInput(Date.now()) }));
  const fallback = useFallbackInterval(2000);
  const base = uuid
    ? `/api/hosts/${encodeURIComponent(hostId)}/guests/${encodeURIComponent(uuid)}/metrics`
    : `/api/hosts/${encodeURIComponent(hostId)}/metrics`;
  const params = new URLSearchParams({ range, points: "600" });
  if (range === CUSTOM) {
    params.set("from", String(new Date(custom.from).getTime()));
    params.set("to", String(new Date(custom.to).getTime()));
  }
  const live = range === "1h";
  const history = useQuery({
    queryKey: live ? queryKeys.metricsLive(hostId, uuid ?? "host") : queryKeys.metricsHistory(hostId, uuid ?? "host", params.toString()),
    queryFn: () => api<History>(`${base}?${params}`),
    refetchInterval: live ? fallback : 60_000,
    placeholderData: (previous) => previous,
  });
  const charts = uuid ? guestCharts : hostCharts;
  const formatters: Record<Unit, (v: number) => string> = {
    percent: units.percent,
    bytes: units.bytes,
    rate: units.rate,
    perSecond: (v) => t("perSecond", { n: format.number(v, { maximumFractionDigits: v < 10 ? 1 : 0 }) }),
  };
  const data = history.data;
  const step = data ? stepUnit(data.stepMs) : null;

  return (
    <section className="space-y-4" aria-label={t("label")}>
      <div className="flex flex-wrap items-end gap-3">
        <div role="radiogroup" aria-label={t("range")} className="flex flex-wrap gap-1">
          {metricsRanges.map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={range === r}
              onClick={() => setRange(r)}
              className={`rounded-md px-2.5 py-1 text-sm ${range === r ? "bg-blue-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-200"}`}
            >
              {t(`ranges.${r}`)}
            </button>
          ))}
        </div>
        {range === CUSTOM ? (
          <>
            <Field label={t("from")}>
              <Input type={DATETIME_LOCAL} value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} />
            </Field>
            <Field label={t("to")}>
              <Input type={DATETIME_LOCAL} value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} />
            </Field>
          </>
        ) : null}
        {data && step ? (
          <p className="text-xs text-slate-500" data-testid="metrics-resolution">
            {t("resolutionLine", {
              resolution: t(`resolution.${data.resolution}`),
              step: format.number(step.value, { style: "unit", unit: step.unit, unitDisplay: "short" }),
            })}
          </p>
        ) : null}
      </div>
      {data ? (
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="metrics-span">
          {format.dateTimeRange(data.from, data.to, SPAN_FORMAT)}
        </p>
      ) : null}
      {history.isError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {history.error.message}
        </p>
      ) : null}
      {data ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {charts.map((c) => (
            <TimeChart
              key={c.title}
              title={t(c.title)}
              t={data.t}
              range={[data.from, data.to]}
              format={formatters[c.unit]}
              series={c.lines.map((l) => ({
                label: t(l.label),
                color: l.color,
                values: (data.avg[l.series] ?? []).map((v) => (v === null ? null : v * (l.scale ?? 1))),
              }))}
            />
          ))}
        </div>
      ) : history.isPending ? (
        <p className="text-sm text-slate-500">{t("loading")}</p>
      ) : null}
    </section>
  );
}
