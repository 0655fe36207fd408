"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { JobView } from "@/lib/jobs/types";
import type { BalanceProposalView, ClusterView } from "@/lib/host-clusters/types";

const WHEN = { dateStyle: "medium", timeStyle: "short" } as const;
const card = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** What balancing does in this cluster, and its proposed (and recent) moves with Migrate / Dismiss. */
export function BalanceProposals({ cluster, queryKey }: { cluster: ClusterView; queryKey: readonly unknown[] }) {
  const t = useTranslations("hostClusters");
  const format = useFormatter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ proposal, decision }: { proposal: BalanceProposalView; decision: "migrate" | "dismiss" }) =>
      api<JobView | { ok: true }>(`/api/clusters/${encodeURIComponent(cluster.id)}/proposals/${encodeURIComponent(proposal.id)}`, {
        method: "POST",
        body: { decision },
      }),
    onSuccess: (_, { proposal, decision }) => {
      toast.success(
        decision === "migrate" ? t("moveStarted", { guest: proposal.guestName, host: proposal.destinationHost }) : t("dismissed"),
      );
      void queryClient.invalidateQueries({ queryKey });
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <section aria-labelledby="balancing" className={card}>
      <h2 id="balancing" className="text-lg font-semibold">
        {t("balancing")}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {cluster.balanceCpuPercent > 0
          ? t("balanceOn", {
              percent: cluster.balanceCpuPercent,
              minutes: cluster.balanceMinutes,
              automatic: String(cluster.balanceAutomatic),
            })
          : t("balanceOff")}
      </p>
      {cluster.proposals.length === 0 ? <p className="text-sm text-slate-500">{t("noProposals")}</p> : null}
      <ul aria-label={t("proposals")} className="space-y-3">
        {cluster.proposals.map((p) => (
          <li key={p.id} className="space-y-1 text-sm" data-status={p.status}>
            <p className="font-medium">
              {t("proposalMove", { guest: p.guestName, from: p.sourceHost, to: p.destinationHost })}{" "}
              <span className="text-xs font-normal text-slate-500">
                ({t(`proposalStatus.${p.status}`)} · {t("proposedAt", { when: format.dateTime(new Date(p.createdAt), WHEN) })})
              </span>
            </p>
            <p className="text-slate-600 dark:text-slate-400">
              {t("proposalWhy", {
                from: p.sourceHost,
                to: p.destinationHost,
                guest: p.guestName,
                load: p.facts.sourceLoadPercent,
                threshold: p.facts.thresholdPercent,
                minutes: p.facts.minutes,
                guestLoad: p.facts.guestLoadPercent,
                after: p.facts.sourceAfterPercent,
                destinationAfter: p.facts.destinationAfterPercent,
              })}
            </p>
            {p.status === "proposed" ? (
              <div className="flex gap-2">
                <Button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ proposal: p, decision: "migrate" })}>
                  {t("migrate")}
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ proposal: p, decision: "dismiss" })}
                >
                  {t("dismiss")}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
