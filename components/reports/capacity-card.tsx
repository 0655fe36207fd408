"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { api } from "@/lib/client/api";
import { capacityKinds, type CapacityItem, type CapacityResponse } from "@/lib/reports/capacity-types";
import { confidence, daysUntil } from "@/lib/reports/forecast";

const SHOWN = 8;
const DAY_FORMAT = { dateStyle: "medium" } as const;
/** A share of 100 as a whole percentage in the person's format ("42 %", "42%"). */
export const PERCENT_FORMAT = { style: "percent", maximumFractionDigits: 0 } as const;

export type CapacityWords = ReturnType<typeof useTranslations<"capacity">>;

/**
 * "In 12 days (Dec 17)", "Now", "Not on this trend", in the person's language and calendar; `inline` for the
 * middle of a sentence ("in 12 days (Dec 17)").
 */
export function useWhenText() {
  const t = useTranslations("capacity");
  const format = useFormatter();
  return (at: number | null, now: number, inline = false): string => {
    const days = daysUntil(at, now);
    if (days === null || at === null) return inline ? t("when.notOnTrendInline") : t("when.notOnTrend");
    if (days < 1) return inline ? t("when.nowInline") : t("when.now");
    const values = { days: Math.round(days), date: format.dateTime(new Date(at), DAY_FORMAT) };
    return inline ? t("when.inDaysInline", values) : t("when.inDays", values);
  };
}

export function itemLink(i: CapacityItem): string {
  return i.kind === "pool.space"
    ? `/storage/${encodeURIComponent(i.hostId)}/${encodeURIComponent(i.pool)}`
    : `/hosts/${encodeURIComponent(i.hostId)}`;
}

/** "Host CPU: node1", "Pool space: default on node1". */
export function itemName(t: CapacityWords, i: CapacityItem): string {
  const kind = t(`kind.${capacityKinds[i.kind].key}`);
  return i.kind === "pool.space" ? t("poolItem", { kind, pool: i.pool, host: i.hostName }) : t("hostItem", { kind, host: i.hostName });
}

/** The dashboard's "when do we run out": the hosts and pools soonest to fill on their 30-day trend. */
export function CapacityCard() {
  const t = useTranslations("capacity");
  const format = useFormatter();
  const whenText = useWhenText();
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
    <section aria-label={t("label")} className={card}>
      <h2 className="mb-2 text-sm font-semibold">{t("cardTitle")}</h2>
      {capacity.isError ? <p role="alert">{capacity.error.message}</p> : null}
      {data && items.length === 0 ? <p className="text-sm text-slate-500">{t("notEnoughYet")}</p> : null}
      {data && items.length > 0 ? (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="font-medium">{t("columnWhat")}</th>
              <th className="font-medium">{t("columnNow")}</th>
              <th className="font-medium">{t("columnLevel", { level: data.warningLevel })}</th>
              <th className="font-medium">{t("columnFull")}</th>
              <th className="font-medium">{t("columnFit")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.kind} ${i.hostId} ${i.pool}`} data-testid="capacity-item">
                <td>
                  <Link href={itemLink(i)} className="text-blue-700 hover:underline dark:text-blue-400">
                    {itemName(t, i)}
                  </Link>
                </td>
                <td className="tabular-nums">
                  {i.forecast.current === null ? "—" : format.number(i.forecast.current / 100, PERCENT_FORMAT)}
                </td>
                <td>{whenText(i.forecast.warningAt, data.now)}</td>
                <td>{whenText(i.forecast.fullAt, data.now)}</td>
                <td className="text-slate-500">{t(`confidence.${confidence(i.forecast)}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
