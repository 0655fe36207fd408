"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { HostHighAvailability } from "@/components/high-availability/host-high-availability";
import { HostMaintenance } from "@/components/host-clusters/host-maintenance";
import { PerformancePanel } from "@/components/metrics/performance-panel";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { api } from "@/lib/client/api";
import { LiveIndicator, useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { guestStates, type HostSummary } from "@/lib/guests/types";
import { can, isAdmin, type Grant } from "@/lib/roles";
import { useUnits } from "@/lib/client/use-units";
import { formatVersion } from "@/lib/text/format";
import { StateBadge } from "@/components/guests/state-badge";
import { DetailHeader, MoreActions } from "@/components/ui/detail-header";
import { MenuItem } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, Row, Table } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { CapacityBar, PercentBar } from "./capacity-bar";
import { describeCpus, type HostOverview as Overview } from "./host-overview-types";
import { HostStatusBadge } from "./host-status-badge";
import { RestoreDialog } from "./restore-from-file";

/** A product's name, the same in every language. */
const LIBVIRT = "libvirt";

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export function HostOverview({ hostId, grants }: { hostId: string; grants: Grant[] }) {
  const t = useTranslations("hosts");
  const fallback = useFallbackInterval();
  // CPU and memory use have no events: sample every 5 s while the page is open.
  const overview = useQuery({
    queryKey: queryKeys.hostOverview(hostId),
    queryFn: () => api<Overview>(`/api/hosts/${encodeURIComponent(hostId)}/overview`),
    refetchInterval: 5000,
  });
  const hosts = useQuery({
    queryKey: queryKeys.hosts(),
    queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts"),
    refetchInterval: fallback,
  });
  const summary = hosts.data?.hosts.find((h) => h.id === hostId) ?? overview.data?.host;
  const name = summary?.name ?? t("hostTitle");
  const o = overview.data;
  const [restoring, setRestoring] = useState(false);

  return (
    <div className="space-y-5">
      <Breadcrumb href="/hosts" label={t("title")}>
        {name}
      </Breadcrumb>
      <DetailHeader
        title={name}
        state={summary ? <HostStatusBadge status={summary.status} /> : null}
        description={summary ? <code>{summary.uri}</code> : null}
        aside={<LiveIndicator />}
        actions={
          <>
            <Link
              href={`/guests?host=${encodeURIComponent(hostId)}`}
              className="rounded-md bg-blue-600 px-3 py-2 text-sm font-medium text-white hover:bg-blue-700"
            >
              {t("guestsOnHost")}
            </Link>
            {can(grants, "guest.manage", { kind: "host", hostId }) ? (
              <MoreActions>
                <MenuItem onSelect={() => setRestoring(true)}>{t("restoreSaved")}</MenuItem>
              </MoreActions>
            ) : null}
            {restoring ? <RestoreDialog hostId={hostId} hostName={name} onClose={() => setRestoring(false)} /> : null}
          </>
        }
      />
      {overview.isPending ? <p className="text-sm text-slate-500">{t("loadingHost")}</p> : null}
      {overview.error && !o ? (
        <EmptyState title={t("notAvailable")}>
          <p role="alert">{overview.error.message}</p>
          <p className="mt-1">{t("notAvailableHint")}</p>
        </EmptyState>
      ) : null}
      <HostMaintenance hostId={hostId} hostName={name} canManage={can(grants, "host.manage", { kind: "host", hostId })} />
      <HostHighAvailability hostId={hostId} hostName={name} isAdmin={isAdmin(grants)} />
      {o ? <OverviewBody o={o} hostId={hostId} charts={can(grants, "metrics.view", { kind: "host", hostId })} /> : null}
    </div>
  );
}

function OverviewBody({ o, hostId, charts }: { o: Overview; hostId: string; charts: boolean }) {
  const t = useTranslations("hosts");
  const units = useUnits();
  const usedKiB = o.memory.freeKiB === null ? null : Math.max(0, o.memory.totalKiB - o.memory.freeKiB);
  const fact = (label: string, value: React.ReactNode) => (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm font-medium">{value}</dd>
    </div>
  );
  const cpu = o.cpu;
  return (
    <>
      <section aria-label={t("system")} className="grid gap-4 lg:grid-cols-3">
        <dl className={`${card} grid grid-cols-2 content-start gap-3`}>
          {fact(t("hostname"), o.hostname)}
          {fact(
            t("virtualization"),
            o.virtualization === "kvm" ? (
              "KVM"
            ) : (
              <Tooltip content={t("tcgHint")}>
                <span tabIndex={0} className="underline decoration-dotted underline-offset-2">
                  {t("tcg")}
                </span>
              </Tooltip>
            ),
          )}
          {fact(LIBVIRT, formatVersion(o.libvirtVersion))}
          {fact(
            o.hypervisor.type === "QEMU" || o.hypervisor.type.toLowerCase() === "qemu" ? "QEMU" : o.hypervisor.type,
            formatVersion(o.hypervisor.version),
          )}
        </dl>
        <dl className={`${card} space-y-3`}>
          {fact(t("cpu"), cpu.model || "—")}
          {fact(
            t("topology"),
            [
              t("topologyValue", { sockets: cpu.sockets, dies: cpu.dies, cores: cpu.cores, threads: cpu.threads, count: cpu.count }),
              cpu.mhz ? t("atMhz", { mhz: cpu.mhz }) : null,
            ]
              .filter(Boolean)
              .join(" "),
          )}
          {fact(t("cpuUse"), <PercentBar value={o.cpuPercent} label={t("hostCpuUse")} />)}
        </dl>
        <dl className={`${card} space-y-3`}>
          {fact(t("memory"), units.kib(o.memory.totalKiB))}
          <div>
            <dt className="text-xs text-slate-500">{t("memoryUse")}</dt>
            <dd className="mt-1">
              {usedKiB === null ? "—" : <CapacityBar used={usedKiB * 1024} total={o.memory.totalKiB * 1024} label={t("hostMemoryUse")} />}
            </dd>
          </div>
        </dl>
      </section>

      {charts ? (
        <section aria-labelledby="host-performance" className={card}>
          <h2 id="host-performance" className="mb-2 text-sm font-semibold">
            {t("performance")}
          </h2>
          <PerformancePanel hostId={hostId} />
        </section>
      ) : null}

      <section aria-labelledby="guest-counts" className={card}>
        <h2 id="guest-counts" className="mb-2 text-sm font-semibold">
          {t("guests")}
        </h2>
        <ul className="flex flex-wrap gap-3">
          {guestStates
            .filter((s) => (o.guestCounts[s] ?? 0) > 0)
            .map((s) => (
              <li key={s} data-testid={`guest-count-${s}`} className="flex items-center gap-1.5 text-sm">
                <StateBadge state={s} /> <span className="font-medium tabular-nums">{o.guestCounts[s]}</span>
              </li>
            ))}
          {guestStates.every((s) => !o.guestCounts[s]) ? <li className="text-sm text-slate-500">{t("noGuests")}</li> : null}
        </ul>
        {guestStates.some((s) => o.guestCounts[s]) ? (
          <Link
            href={`/guests?host=${encodeURIComponent(hostId)}`}
            className="mt-2 inline-block text-sm text-blue-600 hover:underline dark:text-blue-400"
          >
            {t("listThem")}
          </Link>
        ) : null}
      </section>

      {o.numaCells.length > 0 ? (
        <section aria-labelledby="numa" className={card}>
          <h2 id="numa" className="mb-2 text-sm font-semibold">
            {t("numaCells")}
          </h2>
          <Table
            label={t("numaCells")}
            variant="plain"
            columns={[{ label: t("cell") }, { label: t("memory"), numeric: true }, { label: t("cpus") }]}
          >
            {o.numaCells.map((c) => (
              <Row key={c.id}>
                <Cell>{c.id}</Cell>
                <Cell numeric>{units.kib(c.memoryKiB)}</Cell>
                <Cell className="font-mono text-xs">{describeCpus(c.cpus)}</Cell>
              </Row>
            ))}
          </Table>
        </section>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="pools" className={card}>
          <h2 id="pools" className="mb-2 text-sm font-semibold">
            {t("storagePools")}
          </h2>
          {o.pools.length === 0 ? <p className="text-sm text-slate-500">{t("noPools")}</p> : null}
          <ul className="space-y-3">
            {o.pools.map((p) => (
              <li key={p.name} data-testid="pool" data-pool={p.name} className="space-y-1">
                <div className="flex items-center justify-between gap-2 text-sm">
                  <span className="font-medium">{p.name}</span>
                  <ActiveBadge active={p.active} autostart={p.autostart} />
                </div>
                {p.active ? <CapacityBar used={p.allocation} total={p.capacity} label={t("poolUse", { name: p.name })} /> : null}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="networks" className={card}>
          <h2 id="networks" className="mb-2 text-sm font-semibold">
            {t("virtualNetworks")}
          </h2>
          {o.networks.length === 0 ? <p className="text-sm text-slate-500">{t("noNetworks")}</p> : null}
          <Table
            label={t("virtualNetworks")}
            variant="bare"
            columns={[{ label: t("name") }, { label: t("bridge") }, { label: t("state") }]}
          >
            {o.networks.map((n) => (
              <Row key={n.name} data-testid="network" data-network={n.name}>
                <Cell className="pl-0 font-medium">{n.name}</Cell>
                <Cell className="font-mono text-xs text-slate-500">{n.bridge ?? "—"}</Cell>
                <Cell className="pr-0 text-right">
                  <ActiveBadge active={n.active} autostart={n.autostart} />
                </Cell>
              </Row>
            ))}
          </Table>
        </section>
      </div>
    </>
  );
}

function ActiveBadge({ active, autostart }: { active: boolean; autostart: boolean }) {
  const t = useTranslations("hosts");
  return (
    <span className="inline-flex items-center gap-1.5 text-xs">
      <span
        className={`rounded-full px-2 py-0.5 font-medium ${active ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" : "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
      >
        {active ? t("active") : t("inactive")}
      </span>
      {autostart ? <span className="text-slate-500">{t("autostartLower")}</span> : null}
    </span>
  );
}
