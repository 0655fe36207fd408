"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { api } from "@/lib/client/api";
import { LiveIndicator, useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { useSeen, useVisible } from "@/lib/client/use-visible";
import type { HostSummary } from "@/lib/guests/types";
import type { NetworkListResponse, NetworkRow } from "@/lib/networks/types";
import { can, type Grant } from "@/lib/roles";
import { HostStatusBadge } from "@/components/hosts/host-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteNetworkDialog } from "./delete-network-dialog";
import { networkPath } from "./format";
import { HostInterfaces } from "./host-interfaces";
import { NetworkTable } from "./network-table";
import { useNetworkActions } from "./use-network-actions";

const hostScope = (hostId: string) => ({ kind: "host" as const, hostId });
const linkButton = "inline-flex rounded-md bg-blue-600 px-3 py-2 text-sm font-medium text-white hover:bg-blue-700";

/** Every host the person may see networks on, each with its virtual networks and interfaces. */
export function NetworksView({ grants }: { grants: Grant[] }) {
  const t = useTranslations("networks");
  const fallback = useFallbackInterval();
  const hosts = useQuery({
    queryKey: queryKeys.hosts(),
    queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts"),
    refetchInterval: fallback,
  });
  const visible = (hosts.data?.hosts ?? []).filter((h) => can(grants, "network.view", hostScope(h.id)));
  const managed = visible.filter((h) => can(grants, "network.manage", hostScope(h.id)));
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex items-center gap-2">
            <LiveIndicator />
            {managed.length > 0 ? (
              <Link
                href={managed.length === 1 ? `/networks/new?host=${encodeURIComponent(managed[0].id)}` : "/networks/new"}
                className={linkButton}
              >
                {t("create")}
              </Link>
            ) : null}
          </div>
        }
      />
      {hosts.isPending ? <p className="text-sm text-slate-500">{t("loadingHosts")}</p> : null}
      {hosts.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {hosts.error.message}
        </p>
      ) : null}
      {hosts.data && visible.length === 0 ? <EmptyState title={t("noHosts")}>{t("noHostsHint")}</EmptyState> : null}
      <div className="space-y-8">
        {visible.map((h) => (
          <HostNetworks key={h.id} host={h} canManage={can(grants, "network.manage", hostScope(h.id))} />
        ))}
      </div>
    </>
  );
}

function HostNetworks({ host, canManage }: { host: HostSummary; canManage: boolean }) {
  const t = useTranslations("networks");
  // With many hosts, a section reads only once scrolled near (not 100 hosts' networks and interfaces at once).
  const section = useRef<HTMLElement>(null);
  const seen = useSeen(section);
  const onScreen = useVisible(section);
  // Lease counts have no events: re-read every 10 s while on screen; state changes arrive as events.
  const list = useQuery({
    queryKey: queryKeys.networks(host.id),
    queryFn: () => api<NetworkListResponse>(networkPath(host.id)),
    enabled: seen,
    refetchInterval: onScreen ? 10_000 : false,
  });
  const { power, remove } = useNetworkActions(host.id);
  const [deleting, setDeleting] = useState<NetworkRow | null>(null);
  const headingId = `host-networks-${host.id}`;
  return (
    <section ref={section} aria-labelledby={headingId} data-testid="host-networks" data-host={host.name} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="flex flex-wrap items-center gap-3 text-lg font-semibold">
          {host.name} <HostStatusBadge status={host.status} />
        </h2>
        {canManage ? (
          <Link
            href={`/networks/new?host=${encodeURIComponent(host.id)}`}
            className="text-sm text-blue-700 hover:underline dark:text-blue-400"
          >
            {t("createOn", { host: host.name })}
          </Link>
        ) : null}
      </div>
      {list.isPending ? <p className="text-sm text-slate-500">{t("loadingNetworks")}</p> : null}
      {list.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {list.error.message}
        </p>
      ) : null}
      {list.data && list.data.networks.length === 0 ? (
        <EmptyState title={t("noNetworks")}>{canManage ? t("noNetworksHint") : null}</EmptyState>
      ) : null}
      {list.data && list.data.networks.length > 0 ? (
        <NetworkTable
          hostId={host.id}
          rows={list.data.networks}
          canManage={canManage}
          busy={power.isPending || remove.isPending}
          onPower={(n, action) => power.mutate({ name: n.name, action })}
          onDelete={setDeleting}
        />
      ) : null}
      <h3 className="pt-2 text-sm font-semibold">{t("hostInterfaces")}</h3>
      {seen ? <HostInterfaces hostId={host.id} /> : null}
      <DeleteNetworkDialog
        network={deleting}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.name, { onSettled: () => setDeleting(null) })}
      />
    </section>
  );
}
