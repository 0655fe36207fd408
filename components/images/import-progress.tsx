"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { ProgressBar, useJob } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useJobError } from "@/lib/client/use-job-label";
import { useUnits } from "@/lib/client/use-units";
import { importPhases, type ImportDetail } from "@/lib/images/types";
import type { JobView } from "@/lib/jobs/types";

/** An import job's phase (receiving, converting, copying to the host) with its bar and a way to stop it, then the checksum or the reason. */
export function ImportProgress({ job, onFinished }: { job: JobView; onFinished?: () => void }) {
  const t = useTranslations("imageLibrary");
  const units = useUnits();
  const jobError = useJobError();
  const { data = job } = useJob(job);
  // Stops the job wherever it runs; the job removes what it made, as on any failure.
  const cancel = useMutation({ mutationFn: () => api(`/api/jobs/${job.id}`, { method: "DELETE" }) });
  const finished = data.status !== "running";
  useEffect(() => {
    if (finished) onFinished?.();
  }, [finished, onFinished]);
  const detail = data.detail as Partial<ImportDetail> | undefined;
  const phase = importPhases.find((p) => p === detail?.phase) ?? "receiving";
  const result = data.result as { sha256?: string } | undefined;
  return (
    <div data-testid="import-progress" data-status={data.status} className="space-y-1">
      {data.status === "running" ? (
        <>
          <div className="flex justify-between text-xs text-slate-600 tabular-nums dark:text-slate-400">
            <span>{t(`phase.${phase}`)}</span>
            <span>{data.total > 0 ? t("bytesOf", { done: units.bytes(data.done), total: units.bytes(data.total) }) : ""}</span>
          </div>
          <ProgressBar done={data.done} total={data.total} label={t(`phase.${phase}`)} />
          <Button variant="secondary" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            {t("cancelImport")}
          </Button>
        </>
      ) : null}
      {data.status === "done" ? (
        <p role="status" className="text-emerald-700 dark:text-emerald-400">
          {t("imported")}{" "}
          <span data-testid="import-sha256" className="font-mono text-xs break-all">
            {result?.sha256}
          </span>
        </p>
      ) : null}
      {data.status === "failed" || data.status === "cancelled" ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {jobError(data)}
        </p>
      ) : null}
    </div>
  );
}
