import { useTranslations } from "next-intl";
import type { PoolState } from "@/lib/storage/types";

const tones: Record<PoolState, string> = {
  running: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-300",
  inactive: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  building: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-300",
  degraded: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-300",
  inaccessible: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-300",
};

export function PoolStateBadge({ state }: { state: PoolState }) {
  const t = useTranslations("storage.state");
  return (
    <span data-testid="pool-state" data-state={state} className={`rounded-full px-2 py-0.5 text-xs font-medium ${tones[state]}`}>
      {t(state)}
    </span>
  );
}
