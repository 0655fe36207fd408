"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useEffect, useState } from "react";
import { useJobError, useJobLabel } from "@/lib/client/use-job-label";
import { api } from "@/lib/client/api";
import type { MigrationProgress, MigrationResult } from "@/lib/guests/migration-types";
import type { JobView } from "@/lib/jobs/types";
import { migrationSpeedSchema } from "@/lib/validations/migration";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ProgressBar, useJob } from "@/components/storage/progress";
import { useGuestFormat } from "./use-guest-format";

/**
 * A running migration: bar from libvirt's processed/total bytes, speed, what is left and the expected
 * pause at switch-over, a new bandwidth limit (POST `speedPath`), and Cancel. `onDone` gets where the
 * guest is now.
 */
export function MigrationProgressView({
  job,
  sourceName,
  speedPath,
  onDone,
}: {
  job: JobView;
  sourceName: string;
  speedPath: string;
  onDone: (result: MigrationResult) => void;
}) {
  const t = useTranslations("guest.migration");
  const format = useGuestFormat();
  const { data = job } = useJob(job);
  const jobLabel = useJobLabel();
  const jobError = useJobError();
  const cancel = useMutation({ mutationFn: () => api(`/api/jobs/${job.id}`, { method: "DELETE" }) });
  const detail = (data.detail ?? { phase: "starting" }) as MigrationProgress;
  const result = data.status === "done" ? (data.result as MigrationResult) : null;
  useEffect(() => {
    if (result) onDone(result);
  }, [result, onDone]);

  const figure = (label: string, value: string) => (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
  return (
    <div data-testid="migration-progress" data-status={data.status} data-phase={detail.phase} className="space-y-3">
      <p>{jobLabel(data)}</p>
      <ProgressBar done={data.status === "done" ? 1 : data.done} total={data.status === "done" ? 1 : data.total} label={t("progress")} />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {data.status === "running" ? t(`phase.${detail.phase}`) : null}
        {data.status === "running" && data.total > 0
          ? t("doneOf", { done: format.bytes(data.done), total: format.bytes(data.total) })
          : null}
      </p>
      <dl aria-label={t("figures")} className="grid grid-cols-3 gap-3">
        {figure(t("speed"), format.rate(detail.bytesPerSecond))}
        {figure(t("remaining"), format.bytes(detail.dataRemaining))}
        {figure(t("downtime"), detail.expectedDowntimeMs === undefined ? "—" : t("ms", { ms: detail.expectedDowntimeMs }))}
      </dl>
      {data.status === "running" ? <SpeedLimit path={speedPath} /> : null}
      {data.status === "running" ? (
        <Button variant="danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
          {cancel.isPending ? t("cancelling") : t("cancel")}
        </Button>
      ) : null}
      {data.status === "cancelled" ? <p role="status">{t("cancelled", { host: sourceName })}</p> : null}
      {data.status === "failed" ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {t("failed", { message: jobError(data) ?? "" })}
        </p>
      ) : null}
      {data.status === "done" ? <p className="text-emerald-700 dark:text-emerald-400">{t("migrated")}</p> : null}
    </div>
  );
}

/** Changes the bandwidth limit while the migration runs (0 = none), e.g. to let it finish at full speed. */
function SpeedLimit({ path }: { path: string }) {
  const t = useTranslations("guest.migration");
  const issueText = useIssueText();
  const [value, setValue] = useState("0");
  const parsed = migrationSpeedSchema.safeParse({ bandwidthMiBs: value });
  const apply = useMutation({
    mutationFn: (bandwidthMiBs: number) => api<{ bandwidthMiBs: number }>(path, { method: "POST", body: { bandwidthMiBs } }),
  });
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.success) apply.mutate(parsed.data.bandwidthMiBs);
      }}
    >
      <Field label={t("newLimit")} error={parsed.success ? apply.error?.message : issueText(parsed.error.issues[0])}>
        <Input inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} className="w-32" />
      </Field>
      <Button type="submit" variant="secondary" disabled={!parsed.success || apply.isPending}>
        {t("applyLimit")}
      </Button>
      {apply.data ? (
        <p role="status" className="text-xs text-slate-600 dark:text-slate-400">
          {apply.data.bandwidthMiBs === 0 ? t("noLimit") : t("limited", { mibs: apply.data.bandwidthMiBs })}
        </p>
      ) : null}
    </form>
  );
}
