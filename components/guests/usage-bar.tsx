"use client";

import { useGuestFormat } from "./use-guest-format";

/** A value with a thin bar under it; "—" when there is no sample yet. */
export function UsageBar({ value, label }: { value: number | null; label: string }) {
  const format = useGuestFormat();
  if (value === null) return <span className="text-slate-400">—</span>;
  const pct = Math.max(0, Math.min(100, value));
  const tone = pct >= 90 ? "bg-red-500" : pct >= 70 ? "bg-amber-500" : "bg-blue-500";
  return (
    <span className="inline-flex w-full flex-col items-end gap-0.5">
      <span>{format.percent(value)}</span>
      <span
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        className="block h-1 w-16 overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
      >
        <span className={`block h-full ${tone}`} style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}
