"use client";

import { useTranslations } from "next-intl";
import { useUnits } from "@/lib/client/use-units";

/** "used of total" with a bar; turns amber at 80 % and red at 90 %. */
export function CapacityBar({ used, total, label }: { used: number; total: number; label: string }) {
  const t = useTranslations("hosts");
  const units = useUnits();
  const pct = total > 0 ? (used / total) * 100 : 0;
  const tone = pct >= 90 ? "bg-red-500" : pct >= 80 ? "bg-amber-500" : "bg-blue-500";
  return (
    <div className="space-y-1">
      <div className="flex justify-between gap-2 text-xs text-slate-600 tabular-nums dark:text-slate-400">
        <span>{t("bytesOf", { used: units.bytes(used), total: units.bytes(total) })}</span>
        <span>{total > 0 ? units.percent(pct) : "—"}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
      >
        <div className={`h-full ${tone}`} style={{ width: `${Math.min(100, pct)}%` }} />
      </div>
    </div>
  );
}

/** A percentage (e.g. CPU use) as a full-width bar; "—" until there is a sample. */
export function PercentBar({ value, label }: { value: number | null; label: string }) {
  const units = useUnits();
  if (value === null) return <span className="text-slate-400">—</span>;
  const pct = Math.max(0, Math.min(100, value));
  const tone = pct >= 90 ? "bg-red-500" : pct >= 80 ? "bg-amber-500" : "bg-blue-500";
  return (
    <div className="space-y-1">
      <div className="text-right text-xs text-slate-600 tabular-nums dark:text-slate-400">{units.percent(pct)}</div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
      >
        <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
