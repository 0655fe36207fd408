"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { HostSummary } from "@/lib/guests/types";
import type { ClusterView } from "@/lib/host-clusters/types";
import type { ClusterSettings } from "@/lib/validations/host-clusters";
import { ClusterHighAvailability } from "@/components/high-availability/cluster-high-availability";
import { BalanceProposals } from "./balance-proposals";
import { ClusterForm } from "./cluster-form";
import { clustersKey } from "./clusters-admin";
import { useClusterWords } from "./use-cluster-words";

const WHEN = { dateStyle: "medium", timeStyle: "short" } as const;
const card = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** One cluster: its members and their fitness, its baseline CPU, who is in it, its settings. */
export function ClusterDetail({ clusterId }: { clusterId: string }) {
  const t = useTranslations("hostClusters");
  const said = useClusterWords();
  const format = useFormatter();
  const key = [...clustersKey, clusterId];
  const path = `/api/clusters/${encodeURIComponent(clusterId)}`;
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const cluster = useQuery({ queryKey: key, queryFn: () => api<ClusterView>(path) });
  const refresh = useMutation({
    mutationFn: () => api<ClusterView>(`${path}/baseline`, { method: "POST" }),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      void queryClient.invalidateQueries({ queryKey: clustersKey, exact: true });
    },
    onError: (e) => toast.error(e.message),
  });
  const save = useMutation({ mutationFn: (body: ClusterSettings) => api(path, { method: "PUT", body }) });
  const remove = useMutation({
    mutationFn: () => api(path, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clustersKey });
      router.push("/admin/clusters");
    },
    onError: (e) => toast.error(e.message),
  });

  if (cluster.isPending) return <p className="text-sm text-slate-500">{t("asking")}</p>;
  if (cluster.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {cluster.error.message}
      </p>
    );
  const c = cluster.data;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("heading", { name: c.name })}</h1>
      {c.description ? <p className="text-sm text-slate-600 dark:text-slate-400">{c.description}</p> : null}
      <section aria-labelledby="members" className={card}>
        <h2 id="members" className="text-lg font-semibold">
          {t("members")}
        </h2>
        {c.members.length === 0 ? <p className="text-sm text-slate-500">{t("noMembers")}</p> : null}
        <ul aria-label={t("fitness")} className="space-y-1 text-sm">
          {c.members.map((m) => (
            <li key={m.id} className="flex flex-wrap gap-x-3">
              <span className="font-medium">{m.name}</span>
              <span className={m.fit ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}>
                {m.fit ? t("fit") : t("notFit", { problems: m.problems.map(said.member).join("; ") })}
              </span>
              {m.maintenanceSince !== null ? <span className="text-amber-700 dark:text-amber-400">{t("inMaintenance")}</span> : null}
              {m.haState ? (
                <Link
                  href={`/hosts/${encodeURIComponent(m.id)}`}
                  className={
                    m.haState === "down" ? "text-red-700 underline dark:text-red-400" : "text-amber-700 underline dark:text-amber-400"
                  }
                  data-testid="member-ha-state"
                >
                  {t(`haState.${m.haState}`)}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
        <MemberChooser
          key={c.members.map((m) => m.id).join(",")}
          cluster={c}
          onSaved={(data) => {
            queryClient.setQueryData(key, data);
            // The list's member counts and CPU model.
            void queryClient.invalidateQueries({ queryKey: clustersKey, exact: true });
          }}
        />
      </section>
      <BalanceProposals cluster={c} queryKey={key} />
      <ClusterHighAvailability clusterId={c.id} />
      <section aria-labelledby="baseline" className={card}>
        <h2 id="baseline" className="text-lg font-semibold">
          {t("cpu")}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("cpuIntro")}</p>
        {c.baseline ? (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">{t("model")}</dt>
            <dd data-testid="baseline-model">{c.baseline.model ?? t("noModel")}</dd>
            <dt className="text-slate-500">{t("vendor")}</dt>
            <dd>{c.baseline.vendor ?? t("anyVendor")}</dd>
            <dt className="text-slate-500">{t("features")}</dt>
            <dd className="font-mono text-xs break-words">{c.baseline.features.join(" ") || t("modelFeatures")}</dd>
            <dt className="text-slate-500">{t("computed")}</dt>
            <dd>{c.baselineComputedAt ? format.dateTime(new Date(c.baselineComputedAt), WHEN) : t("never")}</dd>
          </dl>
        ) : (
          <p className="text-sm">{c.members.length ? t("notComputed") : t("notComputedNoMembers")}</p>
        )}
        {c.baselineError ? <p className="text-sm text-amber-700 dark:text-amber-400">{said.baseline(c.baselineError)}</p> : null}
        <Button type="button" variant="secondary" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
          {refresh.isPending ? t("computing") : t("computeAgain")}
        </Button>
      </section>
      <section aria-labelledby="settings" className={card}>
        <h2 id="settings" className="text-lg font-semibold">
          {t("settings")}
        </h2>
        <ClusterForm
          initial={c}
          submitLabel={t("saveSettings")}
          busy={save.isPending}
          onSubmit={(body, errors) =>
            save.mutate(body, {
              onSuccess: () => {
                toast.success(t("saved"));
                void queryClient.invalidateQueries({ queryKey: clustersKey });
              },
              onError: (e) => toast.error(errors.fromError(e)),
            })
          }
        />
      </section>
      <Button
        type="button"
        variant="danger"
        disabled={remove.isPending}
        onClick={() => window.confirm(t("removeConfirm", { name: c.name })) && remove.mutate()}
      >
        {t("remove")}
      </Button>
    </div>
  );
}

/** Which hosts are members: every host the console has, ticked when in this cluster. */
function MemberChooser({ cluster, onSaved }: { cluster: ClusterView; onSaved: (view: ClusterView) => void }) {
  const t = useTranslations("hostClusters");
  const toast = useToast();
  const hosts = useQuery({ queryKey: ["hosts"], queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts") });
  const [chosen, setChosen] = useState<string[]>(cluster.members.map((m) => m.id));
  const save = useMutation({
    mutationFn: () =>
      api<ClusterView>(`/api/clusters/${encodeURIComponent(cluster.id)}/members`, { method: "PUT", body: { hostIds: chosen } }),
    onSuccess: (view) => {
      toast.success(t("membersSaved"));
      onSaved(view);
    },
    onError: (e) => toast.error(e.message),
  });
  if (!hosts.data) return null;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t("chooseMembers")}</legend>
      {hosts.data.hosts.map((h) => (
        <label key={h.id} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={chosen.includes(h.id)}
            onChange={(e) => setChosen(e.target.checked ? [...chosen, h.id] : chosen.filter((id) => id !== h.id))}
          />
          {h.name}
        </label>
      ))}
      <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => save.mutate()}>
        {save.isPending ? t("saving") : t("saveMembers")}
      </Button>
    </fieldset>
  );
}
