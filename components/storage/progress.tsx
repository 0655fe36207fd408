"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useJobError, useJobLabel } from "@/lib/client/use-job-label";
import { api } from "@/lib/client/api";
import { useUnits } from "@/lib/client/use-units";
import type { JobView } from "@/lib/jobs/types";

/** A determinate bar when the total is known, an animated one when not. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total > 0 ? Math.min(100, (done / total) * 100) : null;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
      className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
    >
      <div
        className={`h-full bg-blue-500 ${pct === null ? "w-1/3 animate-pulse" : ""}`}
        style={pct === null ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}

/** Follows a server job (volume creation, clone) twice a second until it ends. */
export function useJob(job: JobView | null) {
  return useQuery({
    queryKey: ["job", job?.id],
    queryFn: () => api<JobView>(`/api/jobs/${job!.id}`),
    enabled: job !== null,
    initialData: job ?? undefined,
    refetchInterval: (q) => (q.state.data?.status === "running" ? 500 : false),
  });
}

/** A job's bar and words: bytes done of total, then the outcome or libvirt's message. `onFinished` runs once it ends. */
export function JobProgress({ job, onFinished }: { job: JobView; onFinished?: () => void }) {
  const t = useTranslations("storage");
  const units = useUnits();
  const { data = job } = useJob(job);
  const label = useJobLabel()(data);
  const error = useJobError()(data);
  const finished = data.status !== "running";
  const warning = data.status === "done" ? warningOf(data.result) : null;
  useEffect(() => {
    if (finished) onFinished?.();
  }, [finished, onFinished]);
  return (
    <div data-testid="job-progress" data-status={data.status} className="space-y-1">
      <div className="flex justify-between text-xs text-slate-600 tabular-nums dark:text-slate-400">
        <span>{label}</span>
        <span>{data.total > 0 ? t("bytesOf", { done: units.bytes(data.done), total: units.bytes(data.total) }) : ""}</span>
      </div>
      <ProgressBar done={data.status === "done" ? 1 : data.done} total={data.status === "done" ? 1 : data.total} label={label} />
      {data.status === "failed" ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {data.status === "done" ? <p className="text-sm text-emerald-700 dark:text-emerald-400">{t("done")}</p> : null}
      {warning ? (
        <p role="alert" className="text-sm text-amber-700 dark:text-amber-400">
          {warning}
        </p>
      ) : null}
    </div>
  );
}

/** A finished job's result may carry a warning: done, but with something the person must know. */
function warningOf(result: unknown): string | null {
  const warning = (result as { warning?: unknown } | null | undefined)?.warning;
  return typeof warning === "string" ? warning : null;
}
