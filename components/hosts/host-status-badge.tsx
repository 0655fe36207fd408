"use client";

import { useTranslations } from "next-intl";
import type { HostConnectionStatus } from "@/lib/guests/types";
import { useNow } from "@/lib/client/use-now";

/** Connection state of a host: connected, connecting, or failed with libvirt's message and the next retry. */
export function HostStatusBadge({ status }: { status: HostConnectionStatus | null }) {
  const t = useTranslations("hosts");
  const now = useNow(1000);
  const state = status?.state ?? "disconnected";
  const tone = {
    connected: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
    connecting: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
    retrying: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
    disconnected: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  }[state];
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm">
      <span data-testid="host-status" data-state={state} className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>
        {t(`status.${state}`)}
      </span>
      {status?.state === "retrying" ? (
        <span className="text-red-700 dark:text-red-400">
          {now > 0
            ? t("retryingIn", { message: status.message, seconds: Math.max(0, Math.ceil((status.retryAt - now) / 1000)) })
            : status.message}
        </span>
      ) : null}
    </span>
  );
}
