"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { JobProgress, useJob } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import { placementText } from "@/lib/host-clusters/placement-words";
import type { HostMaintenanceState, MaintenanceReport } from "@/lib/host-clusters/types";
import type { JobView } from "@/lib/jobs/types";

const WHEN = { dateStyle: "medium", timeStyle: "short" } as const;

/**
 * The host's cluster and maintenance mode: "Enter maintenance" starts the job that moves its running guests to
 * other members (progress, what moved where, what could not move and why); "Activate" ends it.
 */
export function HostMaintenance({ hostId, hostName, canManage }: { hostId: string; hostName: string; canManage: boolean }) {
  const t = useTranslations("hostClusters");
  const format = useFormatter();
  const key = ["host-maintenance", hostId];
  const path = `/api/hosts/${encodeURIComponent(hostId)}/maintenance`;
  const queryClient = useQueryClient();
  const toast = useToast();
  const [job, setJob] = useState<JobView | null>(null);
  const state = useQuery({ queryKey: key, queryFn: () => api<HostMaintenanceState>(path) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const enter = useMutation({
    mutationFn: () => api<JobView>(path, { method: "POST" }),
    onSuccess: (started) => {
      setJob(started);
      refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  const activate = useMutation({
    mutationFn: () => api(path, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(t("activeAgain", { host: hostName }));
      setJob(null);
      refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  const s = state.data;
  if (!s?.cluster) return null;
  const inMaintenance = s.maintenanceSince !== null;
  return (
    <section
      aria-label={t("maintenanceLabel")}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <p className="text-sm">
        {t("memberOf")}{" "}
        {canManage ? (
          <Link
            href={`/admin/clusters/${encodeURIComponent(s.cluster.id)}`}
            className="font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            {s.cluster.name}
          </Link>
        ) : (
          <span className="font-medium">{s.cluster.name}</span>
        )}
        {" · "}
        <span data-testid="maintenance-state" className={inMaintenance ? "text-amber-700 dark:text-amber-400" : ""}>
          {inMaintenance ? t("maintenanceSince", { since: format.dateTime(new Date(s.maintenanceSince!), WHEN) }) : t("active")}
        </span>
      </p>
      {canManage ? (
        inMaintenance ? (
          <Button type="button" variant="secondary" disabled={activate.isPending} onClick={() => activate.mutate()}>
            {t("activate")}
          </Button>
        ) : (
          <Button
            type="button"
            variant="secondary"
            disabled={enter.isPending}
            onClick={() => window.confirm(t("enterConfirm", { host: hostName, cluster: s.cluster!.name })) && enter.mutate()}
          >
            {t("enter")}
          </Button>
        )
      ) : null}
      {job ? <MaintenanceJob job={job} /> : null}
    </section>
  );
}

function MaintenanceJob({ job }: { job: JobView }) {
  const t = useTranslations("hostClusters");
  const tReason = useTranslations("placementWords");
  const { data = job } = useJob(job);
  const report = (data.status === "done" ? data.result : data.detail) as MaintenanceReport | undefined;
  return (
    <div className="space-y-2">
      <JobProgress job={job} />
      {report ? (
        <div className="space-y-1 text-sm" data-testid="maintenance-report">
          {report.moving.length ? <p>{t("movingNow", { guests: report.moving.join(", ") })}</p> : null}
          {report.moved.map((m) => (
            <p key={m.name}>{t("moved", { guest: m.name, host: m.to })}</p>
          ))}
          {report.unmovable.length ? (
            <div role="alert" className="text-amber-700 dark:text-amber-400">
              <p>{t("unmovable")}</p>
              <ul className="list-disc pl-5">
                {report.unmovable.map((u) => (
                  <li key={u.name}>
                    {u.name}: {typeof u.why === "string" ? u.why : placementText(tReason, u.why)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
