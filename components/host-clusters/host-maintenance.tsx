"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { JobProgress, useJob } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { HostMaintenanceState, MaintenanceReport } from "@/lib/host-clusters/types";
import type { JobView } from "@/lib/jobs/types";

/**
 * The host's cluster and maintenance mode: "Enter maintenance" starts the job that moves its running guests to
 * other members (progress, what moved where, what could not move and why); "Activate" ends it.
 */
export function HostMaintenance({ hostId, hostName, canManage }: { hostId: string; hostName: string; canManage: boolean }) {
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
      toast.success(`${hostName} is active again`);
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
      aria-label="Cluster and maintenance"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <p className="text-sm">
        Member of cluster{" "}
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
          {inMaintenance
            ? `In maintenance since ${new Date(s.maintenanceSince!).toLocaleString()}: no new guests are placed here`
            : "Active"}
        </span>
      </p>
      {canManage ? (
        inMaintenance ? (
          <Button type="button" variant="secondary" disabled={activate.isPending} onClick={() => activate.mutate()}>
            Activate
          </Button>
        ) : (
          <Button
            type="button"
            variant="secondary"
            disabled={enter.isPending}
            onClick={() =>
              window.confirm(`Put ${hostName} into maintenance? Its running guests move live to other members of ${s.cluster!.name}.`) &&
              enter.mutate()
            }
          >
            Enter maintenance
          </Button>
        )
      ) : null}
      {job ? <MaintenanceJob job={job} /> : null}
    </section>
  );
}

function MaintenanceJob({ job }: { job: JobView }) {
  const { data = job } = useJob(job);
  const report = (data.status === "done" ? data.result : data.detail) as MaintenanceReport | undefined;
  return (
    <div className="space-y-2">
      <JobProgress job={job} />
      {report ? (
        <div className="space-y-1 text-sm" data-testid="maintenance-report">
          {report.moving.length ? <p>Moving now: {report.moving.join(", ")}</p> : null}
          {report.moved.map((m) => (
            <p key={m.name}>
              {m.name} moved to {m.to}
            </p>
          ))}
          {report.unmovable.length ? (
            <div role="alert" className="text-amber-700 dark:text-amber-400">
              <p>These guests could not move and keep running here (shut them down, or leave them running):</p>
              <ul className="list-disc pl-5">
                {report.unmovable.map((u) => (
                  <li key={u.name}>
                    {u.name}: {u.why}
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
