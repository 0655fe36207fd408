"use client";

import { useLocale, useTimeZone, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { Button } from "@/components/ui/button";
import { seriesCsv } from "@/lib/metrics/csv";
import { timeAxisFormat } from "@/lib/metrics/time-axis";

const CSV_TYPE = "text/csv";

export type ChartSeries = { label: string; values: (number | null)[]; color: string };

/**
 * One time chart (uPlot, imported when a chart first renders, so pages without charts never load it):
 * the series against time, gaps where a value is null, and "CSV" with exactly what is drawn. Times on the axis
 * and in the legend are in the person's language and time zone; `range` (ms) spans the axis even without points.
 */
export function TimeChart({
  title,
  t,
  series,
  format,
  range,
  height = 160,
}: {
  title: string;
  t: number[];
  series: ChartSeries[];
  format: (v: number) => string;
  range?: [number, number];
  height?: number;
}) {
  const tChart = useTranslations("metricsCharts");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const times = useMemo(() => timeAxisFormat(locale, timeZone), [locale, timeZone]);
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // Read by the axis when uPlot rescales (set with the data below), so a new range needs no rebuild.
  const span = useRef(range);
  // The shape (labels, colours, language, time zone) decides when to rebuild; new values only update the data.
  const shape = [...series.map((s) => `${s.label}:${s.color}`), locale, timeZone].join("|");

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const { default: UPlot } = await import("uplot");
      if (cancelled || !box.current) return;
      const width = box.current.clientWidth || 600;
      plot.current = new UPlot(
        {
          width,
          height,
          legend: { live: true },
          scales: {
            x: {
              time: true,
              range: (_u, min, max) => (span.current ? [span.current[0] / 1000, span.current[1] / 1000] : [min, max]),
            },
          },
          // Splits fall on whole hours and days of the person's zone; their labels come from Intl.
          tzDate: timeZone ? (sec) => UPlot.tzDate(new Date(sec * 1000), timeZone) : undefined,
          axes: [
            { values: (u, splits, _axis, _space, incr) => times.ticks(splits, incr, (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0)) },
            { values: (_u, ticks) => ticks.map(format), size: 70 },
          ],
          series: [
            { label: tChart("time"), value: (_u, v) => (v === null ? "—" : times.full(v)) },
            ...series.map((s) => ({
              label: s.label,
              stroke: s.color,
              width: 1.5,
              spanGaps: false,
              value: (_u: uPlot, v: number | null) => (v === null ? "—" : format(v)),
            })),
          ],
        },
        [t.map((ms) => ms / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData,
        box.current,
      );
    })();
    return () => {
      cancelled = true;
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuilt only when the series change shape; data updates go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height]);

  const [from, to] = range ?? [];
  useEffect(() => {
    span.current = from !== undefined && to !== undefined ? [from, to] : undefined;
    plot.current?.setData([t.map((ms) => ms / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData);
  }, [t, series, from, to]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => resize.disconnect();
  }, [height]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([seriesCsv(t, series, tChart("time"))], { type: CSV_TYPE }));
    const a = document.createElement("a");
    a.href = url;
    // Letters of any script: a Japanese title keeps its name.
    a.download = `${title.toLocaleLowerCase(locale).replace(/[^\p{L}\p{N}]+/gu, "-")}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <figure
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
      data-testid="time-chart"
      data-points={t.length}
    >
      <figcaption className="mb-2 flex items-center justify-between text-sm font-medium">
        {title}
        <Button variant="secondary" onClick={download} aria-label={tChart("downloadCsv", { title })}>
          {tChart("csv")}
        </Button>
      </figcaption>
      <div ref={box} />
    </figure>
  );
}
