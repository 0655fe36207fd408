"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatBytes, formatRate } from "@/lib/text/format";
import { Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import type { SeriesName } from "@/lib/metrics/series";
import { metricsRanges, type MetricsRange } from "@/lib/validations/metrics";
import { TimeChart } from "./time-chart";

/** What GET …/metrics answers (columnar, as uPlot takes it). */
type History = {
  from: number;
  to: number;
  resolution: string;
  stepMs: number;
  t: number[];
  avg: Partial<Record<SeriesName, (number | null)[]>>;
};

type ChartSpec = {
  title: string;
  format: (v: number) => string;
  lines: { series: SeriesName; label: string; color: string; scale?: number }[];
};

const percent = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} %`;
const perSecond = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)}/s`;

const guestCharts: ChartSpec[] = [
  {
    title: "CPU",
    format: percent,
    lines: [
      { series: "cpuPercent", label: "of its vCPUs", color: "#2563eb" },
      { series: "cpuHostPercent", label: "of the host", color: "#94a3b8" },
    ],
  },
  {
    title: "Memory",
    format: formatBytes,
    lines: [
      { series: "memUsedKiB", label: "used", color: "#16a34a", scale: 1024 },
      { series: "memTotalKiB", label: "total", color: "#94a3b8", scale: 1024 },
    ],
  },
  {
    title: "Disk",
    format: formatRate,
    lines: [
      { series: "diskReadBps", label: "read", color: "#9333ea" },
      { series: "diskWriteBps", label: "write", color: "#ea580c" },
    ],
  },
  {
    title: "Disk IOPS",
    format: perSecond,
    lines: [
      { series: "diskReadIops", label: "reads", color: "#9333ea" },
      { series: "diskWriteIops", label: "writes", color: "#ea580c" },
    ],
  },
  {
    title: "Network",
    format: formatRate,
    lines: [
      { series: "netRxBps", label: "received", color: "#0891b2" },
      { series: "netTxBps", label: "sent", color: "#db2777" },
    ],
  },
];

const hostCharts: ChartSpec[] = [guestCharts[0], guestCharts[1]].map((c, i) =>
  i === 0 ? { ...c, lines: [{ series: "cpuPercent" as const, label: "busy", color: "#2563eb" }] } : c,
);

const rangeLabels: Record<MetricsRange, string> = {
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
  "1y": "1 year",
  custom: "Custom",
};

const toLocalInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * Performance charts of a guest (uuid) or of a host: the live hour re-read whenever the host's collector
 * reports new points (a /ws/events message), longer ranges from the rollups (or Prometheus), at most a minute old.
 */
export function PerformancePanel({ hostId, uuid }: { hostId: string; uuid?: string }) {
  const [range, setRange] = useState<MetricsRange>("1h");
  const [custom, setCustom] = useState(() => ({ from: toLocalInput(Date.now() - 6 * 3600_000), to: toLocalInput(Date.now()) }));
  const fallback = useFallbackInterval(2000);
  const base = uuid
    ? `/api/hosts/${encodeURIComponent(hostId)}/guests/${encodeURIComponent(uuid)}/metrics`
    : `/api/hosts/${encodeURIComponent(hostId)}/metrics`;
  const params = new URLSearchParams({ range, points: "600" });
  if (range === "custom") {
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

  return (
    <section className="space-y-4" aria-label="Performance">
      <div className="flex flex-wrap items-end gap-3">
        <div role="radiogroup" aria-label="Range" className="flex flex-wrap gap-1">
          {metricsRanges.map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={range === r}
              onClick={() => setRange(r)}
              className={`rounded-md px-2.5 py-1 text-sm ${range === r ? "bg-blue-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-200"}`}
            >
              {rangeLabels[r]}
            </button>
          ))}
        </div>
        {range === "custom" ? (
          <>
            <Field label="From">
              <Input type="datetime-local" value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} />
            </Field>
            <Field label="To">
              <Input type="datetime-local" value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} />
            </Field>
          </>
        ) : null}
        {history.data ? (
          <p className="text-xs text-slate-500" data-testid="metrics-resolution">
            {history.data.resolution === "raw"
              ? "live"
              : history.data.resolution === "prometheus"
                ? "averages from Prometheus"
                : `${history.data.resolution} averages`}{" "}
            · one point per {Math.round(history.data.stepMs / 1000)} s
          </p>
        ) : null}
      </div>
      {history.isError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {history.error.message}
        </p>
      ) : null}
      {history.data ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {charts.map((c) => (
            <TimeChart
              key={c.title}
              title={c.title}
              t={history.data.t}
              format={c.format}
              series={c.lines.map((l) => ({
                label: l.label,
                color: l.color,
                values: (history.data.avg[l.series] ?? []).map((v) => (v === null ? null : v * (l.scale ?? 1))),
              }))}
            />
          ))}
        </div>
      ) : history.isPending ? (
        <p className="text-sm text-slate-500">Loading performance data…</p>
      ) : null}
    </section>
  );
}
