"use client";

import { useFormatter, useTranslations } from "next-intl";
import { quotaResources, type QuotaLimits, type QuotaUse } from "@/lib/quotas/quota";

const toneOf = (pct: number) => (pct >= 100 ? "bg-red-500" : pct >= 80 ? "bg-amber-500" : "bg-blue-500");

/** A quota's three limits, each as "used of limit" with a bar (no bar, "no limit", where there is none). */
export function QuotaMeters({ limits, used, label }: { limits: QuotaLimits; used: QuotaUse; label: string }) {
  const t = useTranslations("quotas");
  const format = useFormatter();
  return (
    <dl className="grid gap-3 sm:grid-cols-3">
      {quotaResources.map((resource) => {
        const limit = limits[resource];
        const pct = limit === null ? null : limit === 0 ? 100 : Math.min(100, (used[resource] / limit) * 100);
        return (
          <div key={resource} className="min-w-0 space-y-1">
            <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{t(`resource.${resource}`)}</dt>
            <dd className="text-sm tabular-nums" data-testid={`quota-${resource}`}>
              {limit === null
                ? t("usedNoLimit", { used: format.number(used[resource]) })
                : t("usedOf", { used: format.number(used[resource]), limit: format.number(limit) })}
            </dd>
            {pct !== null ? (
              <dd
                role="meter"
                aria-label={t("meterLabel", { quota: label, resource: t(`resource.${resource}`) })}
                aria-valuemin={0}
                aria-valuemax={limit ?? 0}
                aria-valuenow={used[resource]}
                className="block h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
              >
                <span className={`block h-full ${toneOf(pct)}`} style={{ width: `${pct}%` }} />
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}
