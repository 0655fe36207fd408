"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api } from "@/lib/client/api";
import { useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import type { PresenceResponse } from "@/lib/consoles/presence";
import type { GuestListResponse } from "@/lib/guests/types";
import type { Grant } from "@/lib/roles";
import { EmptyState } from "@/components/ui/empty-state";
import { GuestCard } from "./guest-card";
import { HostErrors } from "./host-errors";

/**
 * The home of people without dashboards (helpdesk staff): the guests granted to them as cards, console
 * first, each with its live screen, state, who is on its console and the actions they may take.
 */
export function MyGuests({ grants }: { grants: Grant[] }) {
  const t = useTranslations("guests");
  const fallback = useFallbackInterval();
  const list = useQuery({ queryKey: queryKeys.guests(), queryFn: () => api<GuestListResponse>("/api/guests"), refetchInterval: fallback });
  const presence = useQuery({
    queryKey: queryKeys.consolePresence(),
    queryFn: () => api<PresenceResponse>("/api/consoles/presence"),
    refetchInterval: fallback,
  });
  if (list.isPending) return <p className="text-sm text-slate-500">{t("loadingYours")}</p>;
  if (list.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        {list.error.message}
      </p>
    );
  const hostNames = new Map(list.data.hosts.map((h) => [h.id, h.name]));
  const guests = [...list.data.guests].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section aria-label={t("yours")} className="space-y-3">
      <h2 className="text-lg font-semibold">{t("yours")}</h2>
      <HostErrors errors={list.data.errors} hosts={list.data.hosts} />
      {guests.length === 0 ? (
        <EmptyState title={t("noneGranted")}>{t("noneGrantedHint")}</EmptyState>
      ) : (
        <div className="grid grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-3">
          {guests.map((g) => (
            <GuestCard
              key={`${g.hostId}/${g.uuid}`}
              guest={g}
              hostName={hostNames.get(g.hostId) ?? g.hostId}
              grants={grants}
              seats={presence.data?.seats ?? []}
            />
          ))}
        </div>
      )}
    </section>
  );
}
