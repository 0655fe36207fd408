"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { placementText } from "@/lib/host-clusters/placement-words";
import type { PlacementSuggestion } from "@/lib/host-clusters/types";

/**
 * For a host in a cluster: where the cluster's policy would put a guest of this size, and why, with a button to
 * take it; keeping the chosen host overrides it.
 */
export function PlacementHint({
  hostId,
  clusterName,
  memoryMiB,
  vcpus,
  onUse,
}: {
  hostId: string;
  clusterName: string;
  memoryMiB: number;
  vcpus: number;
  onUse: (hostId: string) => void;
}) {
  const t = useTranslations("newGuest.placement");
  const tReason = useTranslations("placementWords");
  const valid = memoryMiB > 0 && vcpus > 0;
  const suggestion = useQuery({
    queryKey: ["placement", hostId, memoryMiB, vcpus],
    queryFn: () =>
      api<PlacementSuggestion>(
        `/api/hosts/${encodeURIComponent(hostId)}/placement?${new URLSearchParams({ memoryMiB: String(memoryMiB), vcpus: String(vcpus) })}`,
      ),
    enabled: valid,
  });
  if (!suggestion.data) return null;
  const s = suggestion.data;
  return (
    <div role="status" className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      {s.hostId ? (
        <p>
          {t.rich("suggested", {
            host: s.hostName,
            reason: placementText(tReason, s.reason),
            cluster: clusterName,
            memory: memoryMiB,
            vcpus,
            b: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      ) : (
        <p>{t("none", { cluster: clusterName, reason: placementText(tReason, s.reason) })}</p>
      )}
      {s.hostId && s.hostId !== hostId ? (
        <Button type="button" variant="secondary" onClick={() => onUse(s.hostId!)}>
          {t("use", { host: s.hostName })}
        </Button>
      ) : null}
    </div>
  );
}
