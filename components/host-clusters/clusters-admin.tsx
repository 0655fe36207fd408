"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { ClusterSummary } from "@/lib/host-clusters/types";
import type { ClusterSettings } from "@/lib/validations/host-clusters";
import { ClusterForm } from "./cluster-form";

export const clustersKey = ["clusters"] as const;

/** The clusters, each linking to its page, and a form for a new one. */
export function ClustersAdmin() {
  const t = useTranslations("hostClusters");
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const clusters = useQuery({ queryKey: clustersKey, queryFn: () => api<{ clusters: ClusterSummary[] }>("/api/clusters") });
  const create = useMutation({ mutationFn: (body: ClusterSettings) => api<{ id: string }>("/api/clusters", { body }) });
  const submit = (body: ClusterSettings, errors: { fromError(e: unknown): string }) =>
    create.mutate(body, {
      onSuccess: ({ id }) => {
        toast.success(t("created", { name: body.name }));
        void queryClient.invalidateQueries({ queryKey: clustersKey, exact: true });
        router.push(`/admin/clusters/${encodeURIComponent(id)}`);
      },
      onError: (e) => toast.error(errors.fromError(e)),
    });

  return (
    <div className="space-y-6">
      {clusters.isPending ? <p className="text-sm text-slate-500">{t("loading")}</p> : null}
      {clusters.error ? (
        <p role="alert" className="text-sm text-red-600">
          {clusters.error.message}
        </p>
      ) : null}
      {clusters.data && clusters.data.clusters.length === 0 ? <EmptyState title={t("none")}>{t("noneHint")}</EmptyState> : null}
      {clusters.data && clusters.data.clusters.length > 0 ? (
        <ul
          aria-label={t("title")}
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {clusters.data.clusters.map((c) => (
            <li key={c.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-3 text-sm">
              <Link
                href={`/admin/clusters/${encodeURIComponent(c.id)}`}
                className="font-medium text-blue-700 hover:underline dark:text-blue-400"
              >
                {c.name}
              </Link>
              <span className="text-slate-500">
                {t("summary", { hosts: c.memberCount, policy: t(`policyName.${c.policy}`), cpu: c.baselineModel ?? t("cpuNotComputed") })}
              </span>
              {c.description ? <span className="text-slate-600 dark:text-slate-400">{c.description}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {adding ? (
        <section aria-labelledby="new-cluster" className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="new-cluster" className="text-lg font-semibold">
            {t("new")}
          </h2>
          <ClusterForm submitLabel={t("create")} busy={create.isPending} onSubmit={submit} />
        </section>
      ) : (
        <Button type="button" onClick={() => setAdding(true)}>
          {t("new")}
        </Button>
      )}
    </div>
  );
}
