"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AlertsResponse } from "@/lib/alerts/types";
import { api } from "@/lib/client/api";
import { AlertTable, alertsKey } from "./alert-table";

/** The dashboard's "is anything wrong": firing alerts the person may see, re-read every 30 s. Nothing when none fire. */
export function ActiveAlertsCard() {
  const t = useTranslations("alerts");
  const alerts = useQuery({
    queryKey: [...alertsKey, "active"],
    queryFn: () => api<AlertsResponse>("/api/alerts?active=1"),
    refetchInterval: 30_000,
  });
  const active = alerts.data?.active ?? [];
  if (active.length === 0) return null;
  return (
    <section aria-label={t("active")} className="space-y-2">
      <AlertTable alerts={active} caption={t("activeCount", { count: active.length })} empty={t("noAlerts")} actions />
      <Link href="/alerts" className="text-sm text-blue-600 hover:underline dark:text-blue-400">
        {t("allAlerts")}
      </Link>
    </section>
  );
}
