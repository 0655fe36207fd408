"use client";

import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { Button } from "@/components/ui/button";
import { seriesCsv } from "@/lib/metrics/csv";

export type ChartSeries = { label: string; values: (number | null)[]; color: string };

/**
 * One time chart (uPlot, imported when a chart first renders, so pages without charts never load it):
 * the series against time, gaps where a value is null, and "CSV" with exactly what is drawn.
 */
export function TimeChart({
  title,
  t,
  series,
  format,
  height = 160,
}: {
  title: string;
  t: number[];
  series: ChartSeries[];
  format: (v: number) => string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The shape (labels, colours) decides when to rebuild; new values only update the data.
  const shape = series.map((s) => `${s.label}:${s.color}`).join("|");

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
          scales: { x: { time: true } },
          axes: [{}, { values: (_u, ticks) => ticks.map(format), size: 70 }],
          series: [
            {},
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

  useEffect(() => {
    plot.current?.setData([t.map((ms) => ms / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData);
  }, [t, series]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => resize.disconnect();
  }, [height]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([seriesCsv(t, series)], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.csv`;
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
        <Button variant="secondary" onClick={download} aria-label={`Download ${title} as CSV`}>
          CSV
        </Button>
      </figcaption>
      <div ref={box} />
    </figure>
  );
}
