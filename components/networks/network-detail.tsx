"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
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
import { addressText, expiresText, modeText, networkPath, rangesText } from "./format";
import { NetworkLiveEdits } from "./network-live-edits";
import { NetworkStateBadge } from "./network-state-badge";
import { useNetworkActions } from "./use-network-actions";

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export function NetworkDetail({ hostId, name, grants }: { hostId: string; name: string; grants: Grant[] }) {
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
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
      <Link href="/networks" className="hover:underline">
        Networks
      </Link>{" "}
      / {hostName} / {name}
    </nav>
  );
  if (detail.isPending) return <p className="text-sm text-slate-500">Loading network…</p>;
  if (detail.error) {
    const gone = detail.error instanceof ApiRequestError && detail.error.status === 404;
    return (
      <div className="space-y-4">
        {breadcrumb}
        <EmptyState title={gone ? "This network does not exist (any more)" : "The network could not be loaded"}>
          <p>{gone ? `No network named ${name} on ${hostName}.` : detail.error.message}</p>
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
        description={`on ${hostName}`}
        aside={<LiveIndicator />}
        actions={
          canManage ? (
            <>
              <Button disabled={power.isPending} onClick={() => power.mutate({ name: n.name, action: n.active ? "stop" : "start" })}>
                {n.active ? "Stop" : "Start"}
              </Button>
              <MoreActions>
                <MenuCheckboxItem
                  checked={n.autostart}
                  disabled={edit.isPending}
                  onCheckedChange={(on) => edit.mutate({ name: n.name, edit: { kind: "autostart", autostart: on } })}
                >
                  Start with host
                </MenuCheckboxItem>
                <MenuSeparator />
                <MenuItem danger onSelect={() => setDeleting(true)}>
                  Delete…
                </MenuItem>
              </MoreActions>
            </>
          ) : null
        }
      />
      <Facts n={n} />
      <section aria-labelledby="leases" className={card}>
        <h2 id="leases" className="mb-2 text-sm font-semibold">
          DHCP leases
        </h2>
        <Leases leases={leases} active={n.active} />
      </section>
      <NetworkLiveEdits hostId={hostId} detail={detail.data} canManage={canManage} />
      <details className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <summary className="cursor-pointer px-4 py-3 text-sm font-medium">Network XML (read-only)</summary>
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

function Facts({ n }: { n: NetworkRow }) {
  const item = (label: string, value: React.ReactNode) => (
    <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm font-medium break-all">{value}</dd>
    </div>
  );
  return (
    <dl aria-label="Network overview" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {item("Mode", modeText(n))}
      {item("Bridge", n.bridge ?? "—")}
      {item("IPv4", addressText(n.ipv4))}
      {item("DHCPv4 range", rangesText(n.ipv4))}
      {item("IPv6", addressText(n.ipv6))}
      {item("DHCPv6 range", rangesText(n.ipv6))}
      {item("DNS domain", n.domain ?? "—")}
      {item("Start with host", n.autostart ? "On" : "Off")}
      {item("Guest interfaces plugged in", n.active ? n.connections : "—")}
      {item("Definition", n.persistent ? "Persistent" : "Transient (gone when stopped)")}
      {item("UUID", <span className="font-mono text-xs">{n.uuid}</span>)}
    </dl>
  );
}

function Leases({ leases, active }: { leases: DhcpLease[]; active: boolean }) {
  const now = useNow(10_000);
  if (!active) return <p className="text-sm text-slate-500">The network is stopped: it hands out no addresses.</p>;
  if (leases.length === 0)
    return <p className="text-sm text-slate-500">No active leases. Guests appear here once their DHCP client asks for an address.</p>;
  return (
    <Table
      label="DHCP leases"
      variant="plain"
      columns={["MAC", "Address", "Host name", "Client ID", "Expires"].map((label) => ({ label }))}
    >
      {leases.map((l) => (
        <Row key={`${l.ip}-${l.mac}`} data-testid="lease-row">
          <Cell className="font-mono text-xs">{l.mac ?? "—"}</Cell>
          <Cell className="font-mono text-xs">
            {l.ip}/{l.prefix}
          </Cell>
          <Cell>{l.hostname ?? "—"}</Cell>
          <Cell className="font-mono text-xs">{l.clientId ?? "—"}</Cell>
          <Cell title={new Date(l.expiresAt).toISOString()}>{now > 0 ? expiresText(l.expiresAt, now) : "—"}</Cell>
        </Row>
      ))}
    </Table>
  );
}
