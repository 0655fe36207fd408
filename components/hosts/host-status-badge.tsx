"use client";

import type { HostConnectionStatus } from "@/lib/guests/types";
import { useNow } from "@/lib/client/use-now";

/** Connection state of a host: connected, connecting, or failed with libvirt's message and the next retry. */
export function HostStatusBadge({ status }: { status: HostConnectionStatus | null }) {
  const now = useNow(1000);
  const state = status?.state ?? "disconnected";
  const tone = {
    connected: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
    connecting: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
    retrying: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
    disconnected: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  }[state];
  const label = { connected: "Connected", connecting: "Connecting…", retrying: "Unreachable", disconnected: "Disconnected" }[state];
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm">
      <span data-testid="host-status" data-state={state} className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>
        {label}
      </span>
      {status?.state === "retrying" ? (
        <span className="text-red-700 dark:text-red-400">
          {status.message}
          {now > 0 ? `, retrying in ${Math.max(0, Math.ceil((status.retryAt - now) / 1000))} s` : ""}
        </span>
      ) : null}
    </span>
  );
}
