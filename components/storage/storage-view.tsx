"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { CapacityBar } from "@/components/hosts/capacity-bar";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useSeen } from "@/lib/client/use-visible";
import type { HostSummary } from "@/lib/guests/types";
import { can, type Grant } from "@/lib/roles";
import { AddPoolDialog } from "./add-pool-dialog";
import { PoolActions } from "./pool-actions";
import { PoolStateBadge } from "./pool-state-badge";
import { fetchPools, poolPagePath } from "./storage-api";

/** virt-manager's Host Details → Storage, for every host the person may see. */
export function StorageView({ grants }: { grants: Grant[] }) {
  const t = useTranslations("storage");
  const hosts = useQuery({ queryKey: queryKeys.hosts(), queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts") });
  if (hosts.isPending) return <p className="text-sm text-slate-500">{t("loadingHosts")}</p>;
  if (hosts.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        {hosts.error.message}
      </p>
    );
  const visible = hosts.data.hosts.filter((h) => can(grants, "storage.view", { kind: "host", hostId: h.id }));
  if (visible.length === 0) return <EmptyState title={t("noHosts")}>{t("noHostsHint")}</EmptyState>;
  return (
    <div className="space-y-8">
      {visible.map((h) => (
        <HostPools key={h.id} host={h} canManage={can(grants, "storage.manage", { kind: "host", hostId: h.id })} />
      ))}
    </div>
  );
}

function HostPools({ host, canManage }: { host: HostSummary; canManage: boolean }) {
  const t = useTranslations("storage");
  // With many hosts, a section reads its pools only once scrolled near (not 100 hosts' pools at once).
  const section = useRef<HTMLElement>(null);
  const seen = useSeen(section);
  const pools = useQuery({ queryKey: queryKeys.pools(host.id), queryFn: () => fetchPools(host.id), enabled: seen });
  const [adding, setAdding] = useState(false);
  return (
    <section ref={section} aria-label={t("storageOf", { host: host.name })} className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-base font-semibold">{host.name}</h2>
        {canManage ? <Button onClick={() => setAdding(true)}>{t("addPool")}</Button> : null}
      </div>
      {pools.isPending ? <p className="text-sm text-slate-500">{t("loadingPools")}</p> : null}
      {pools.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {pools.error.message}
        </p>
      ) : null}
      {pools.data?.length === 0 ? <EmptyState title={t("noPools")}>{t("noPoolsHint")}</EmptyState> : null}
      {pools.data?.length ? (
        <Table
          label={t("poolsOf", { host: host.name })}
          columns={[
            { label: t("col.name") },
            { label: t("col.type") },
            { label: t("col.state") },
            { label: t("col.usage"), className: "w-64" },
            { label: t("col.volumes") },
            ...(canManage ? [{ label: t("col.actions"), hidden: true }] : []),
          ]}
        >
          {pools.data.map((p) => (
            <Row key={p.name} data-testid="pool-row" data-pool={p.name}>
              <Cell>
                <Link href={poolPagePath(host.id, p.name)} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
                  {p.name}
                </Link>
                <div className="text-xs text-slate-500">{p.targetPath}</div>
              </Cell>
              <Cell>{p.type}</Cell>
              <Cell>
                <PoolStateBadge state={p.state} />
                {p.autostart ? <div className="mt-1 text-xs text-slate-500">{t("autostart")}</div> : null}
              </Cell>
              <Cell>
                {p.state === "running" ? (
                  <CapacityBar used={p.allocationBytes} total={p.capacityBytes} label={t("usageOf", { name: p.name })} />
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </Cell>
              <Cell className="tabular-nums">{p.volumeCount ?? "—"}</Cell>
              {canManage ? (
                <Cell>
                  <PoolActions pool={p} />
                </Cell>
              ) : null}
            </Row>
          ))}
        </Table>
      ) : null}
      {canManage ? <AddPoolDialog hostId={host.id} hostName={host.name} open={adding} onClose={() => setAdding(false)} /> : null}
    </section>
  );
}
