"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { api } from "@/lib/client/api";
import { capacityKinds, type CapacityItem, type CapacityResponse } from "@/lib/reports/capacity-types";
import { confidenceText, daysUntil } from "@/lib/reports/forecast";

const SHOWN = 8;

/** "In 12 days (Dec 17)", "Now", "Not on this trend". */
export function whenText(at: number | null, now: number): string {
  const days = daysUntil(at, now);
  if (days === null || at === null) return "Not on this trend";
  if (days < 1) return "Now";
  return `In ${Math.round(days)} days (${new Date(at).toLocaleDateString()})`;
}

export function itemLink(i: CapacityItem): string {
  return i.kind === "pool.space"
    ? `/storage/${encodeURIComponent(i.hostId)}/${encodeURIComponent(i.pool)}`
    : `/hosts/${encodeURIComponent(i.hostId)}`;
}

export const itemName = (i: CapacityItem) => (i.kind === "pool.space" ? `${i.pool} on ${i.hostName}` : i.hostName);

/** The dashboard's "when do we run out": the hosts and pools soonest to fill on their 30-day trend. */
export function CapacityCard() {
  const capacity = useQuery({
    queryKey: ["capacity"],
    queryFn: () => api<CapacityResponse>("/api/capacity"),
    refetchInterval: 5 * 60_000,
  });
  const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
  const data = capacity.data;
  const items = (data?.items ?? []).filter((i) => i.forecast.enough).slice(0, SHOWN);
  // Someone granted single guests sees no host: nothing to forecast for them.
  if (data?.hosts === 0) return null;
  return (
    <section aria-label="Capacity" className={card}>
      <h2 className="mb-2 text-sm font-semibold">Capacity: soonest to fill (trend of the last 30 days)</h2>
      {capacity.isError ? <p role="alert">{capacity.error.message}</p> : null}
      {data && items.length === 0 ? <p className="text-sm text-slate-500">Not enough history yet (a day of hourly averages).</p> : null}
      {data && items.length > 0 ? (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="font-medium">What</th>
              <th className="font-medium">Now</th>
              <th className="font-medium">{data.warningLevel} %</th>
              <th className="font-medium">Full</th>
              <th className="font-medium">Fit</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.kind} ${i.hostId} ${i.pool}`} data-testid="capacity-item">
                <td>
                  <Link href={itemLink(i)} className="text-blue-700 hover:underline dark:text-blue-400">
                    {capacityKinds[i.kind].words}: {itemName(i)}
                  </Link>
                </td>
                <td className="tabular-nums">{i.forecast.current === null ? "—" : `${i.forecast.current.toFixed(0)} %`}</td>
                <td>{whenText(i.forecast.warningAt, data.now)}</td>
                <td>{whenText(i.forecast.fullAt, data.now)}</td>
                <td className="text-slate-500">{confidenceText(i.forecast)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
