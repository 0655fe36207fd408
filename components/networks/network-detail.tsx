"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import { LiveIndicator, useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { useNow } from "@/lib/client/use-now";
import type { HostSummary } from "@/lib/guests/types";
import type { DhcpLease, NetworkDetailResponse, NetworkRow } from "@/lib/networks/types";
import { can, type Grant } from "@/lib/roles";
import { Button } from "@/components/ui/button";
import { DetailHeader, MoreActions } from "@/components/ui/detail-header";
import { MenuCheckboxItem, MenuItem, MenuSeparator } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, Row, Table } from "@/components/ui/table";
import { DeleteNetworkDialog } from "./delete-network-dialog";
import { addressText, expiresText, modeText, networkPath, rangesText, type NetworkWords } from "./format";
import { NetworkLiveEdits } from "./network-live-edits";
import { NetworkStateBadge } from "./network-state-badge";
import { useNetworkActions } from "./use-network-actions";

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export function NetworkDetail({ hostId, name, grants }: { hostId: string; name: string; grants: Grant[] }) {
  const t = useTranslations("networks");
  const tUi = useTranslations("ui");
  const router = useRouter();
  const fallback = useFallbackInterval();
  // Leases have no libvirt event: re-read every 5 s while the page is open.
  const detail = useQuery({
    queryKey: queryKeys.networks(hostId, name),
    queryFn: () => api<NetworkDetailResponse>(networkPath(hostId, name)),
    refetchInterval: 5000,
    retry: (n, e) => !(e instanceof ApiRequestError && (e.status === 404 || e.status === 403)) && n < 1,
  });
  const hosts = useQuery({
    queryKey: queryKeys.hosts(),
    queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts"),
    refetchInterval: fallback,
  });
  const hostName = hosts.data?.hosts.find((h) => h.id === hostId)?.name ?? hostId;
  const canManage = can(grants, "network.manage", { kind: "host", hostId });
  const { power, edit, remove } = useNetworkActions(hostId);
  const [deleting, setDeleting] = useState(false);

  const breadcrumb = (
    <nav aria-label={tUi("breadcrumb")} className="text-sm text-slate-500">
      <Link href="/networks" className="hover:underline">
        {t("title")}
      </Link>{" "}
      / {hostName} / {name}
    </nav>
  );
  if (detail.isPending) return <p className="text-sm text-slate-500">{t("detail.loading")}</p>;
  if (detail.error) {
    const gone = detail.error instanceof ApiRequestError && detail.error.status === 404;
    return (
      <div className="space-y-4">
        {breadcrumb}
        <EmptyState title={gone ? t("detail.gone") : t("detail.notLoaded")}>
          <p>{gone ? t("detail.noSuch", { name, host: hostName }) : detail.error.message}</p>
        </EmptyState>
      </div>
    );
  }
  const { network: n, leases, xml } = detail.data;
  return (
    <div className="space-y-5">
      {breadcrumb}
      <DetailHeader
        title={n.name}
        state={<NetworkStateBadge active={n.active} />}
        description={t("detail.onHost", { host: hostName })}
        aside={<LiveIndicator />}
        actions={
          canManage ? (
            <>
              <Button disabled={power.isPending} onClick={() => power.mutate({ name: n.name, action: n.active ? "stop" : "start" })}>
                {n.active ? t("table.stop") : t("table.start")}
              </Button>
              <MoreActions>
                <MenuCheckboxItem
                  checked={n.autostart}
                  disabled={edit.isPending}
                  onCheckedChange={(on) => edit.mutate({ name: n.name, edit: { kind: "autostart", autostart: on } })}
                >
                  {t("detail.startWithHost")}
                </MenuCheckboxItem>
                <MenuSeparator />
                <MenuItem danger onSelect={() => setDeleting(true)}>
                  {t("detail.deleteMenu")}
                </MenuItem>
              </MoreActions>
            </>
          ) : null
        }
      />
      <Facts n={n} t={t} />
      <section aria-labelledby="leases" className={card}>
        <h2 id="leases" className="mb-2 text-sm font-semibold">
          {t("detail.leases")}
        </h2>
        <Leases leases={leases} active={n.active} t={t} />
      </section>
      <NetworkLiveEdits hostId={hostId} detail={detail.data} canManage={canManage} />
      <details className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <summary className="cursor-pointer px-4 py-3 text-sm font-medium">{t("detail.xml")}</summary>
        <pre
          data-testid="network-xml"
          className="max-h-[32rem] overflow-auto border-t border-slate-200 px-4 py-3 font-mono text-xs dark:border-slate-800"
        >
          {xml}
        </pre>
      </details>
      <DeleteNetworkDialog
        network={deleting ? n : null}
        busy={remove.isPending}
        onCancel={() => setDeleting(false)}
        onConfirm={() => remove.mutate(n.name, { onSuccess: () => router.push("/networks"), onSettled: () => setDeleting(false) })}
      />
    </div>
  );
}

function Facts({ n, t }: { n: NetworkRow; t: NetworkWords }) {
  const item = (label: string, value: React.ReactNode) => (
    <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm font-medium break-all">{value}</dd>
    </div>
  );
  return (
    <dl aria-label={t("detail.overview")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {item(t("table.mode"), modeText(n, t))}
      {item(t("table.bridge"), n.bridge ?? "—")}
      {item(t("table.ipv4"), addressText(n.ipv4))}
      {item(t("table.dhcpv4Range"), rangesText(n.ipv4))}
      {item(t("table.ipv6"), addressText(n.ipv6))}
      {item(t("table.dhcpv6Range"), rangesText(n.ipv6))}
      {item(t("detail.dnsDomain"), n.domain ?? "—")}
      {item(t("detail.startWithHost"), n.autostart ? t("table.on") : t("table.off"))}
      {item(t("detail.plugged"), n.active ? n.connections : "—")}
      {item(t("detail.definition"), n.persistent ? t("detail.persistent") : t("detail.transient"))}
      {item(t("detail.uuid"), <span className="font-mono text-xs">{n.uuid}</span>)}
    </dl>
  );
}

const LEASE_COLUMNS = ["live.mac", "detail.leaseAddress", "detail.leaseHostName", "detail.leaseClientId", "detail.leaseExpires"] as const;

function Leases({ leases, active, t }: { leases: DhcpLease[]; active: boolean; t: NetworkWords }) {
  const now = useNow(10_000);
  if (!active) return <p className="text-sm text-slate-500">{t("detail.stoppedNoLeases")}</p>;
  if (leases.length === 0) return <p className="text-sm text-slate-500">{t("detail.noLeases")}</p>;
  return (
    <Table label={t("detail.leases")} variant="plain" columns={LEASE_COLUMNS.map((c) => ({ label: t(c) }))}>
      {leases.map((l) => (
        <Row key={`${l.ip}-${l.mac}`} data-testid="lease-row">
          <Cell className="font-mono text-xs">{l.mac ?? "—"}</Cell>
          <Cell className="font-mono text-xs">
            {l.ip}/{l.prefix}
          </Cell>
          <Cell>{l.hostname ?? "—"}</Cell>
          <Cell className="font-mono text-xs">{l.clientId ?? "—"}</Cell>
          <Cell title={new Date(l.expiresAt).toISOString()}>{now > 0 ? expiresText(l.expiresAt, now, t) : "—"}</Cell>
        </Row>
      ))}
    </Table>
  );
}
