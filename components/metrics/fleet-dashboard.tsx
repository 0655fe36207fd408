"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatBytes, formatRate } from "@/lib/text/format";
import { ActiveAlertsCard } from "@/components/alerts/active-alerts-card";
import { CapacityCard } from "@/components/reports/capacity-card";
import { BackupProblemsCard } from "@/components/guests/backups/backup-problems-card";
import { StateBadge } from "@/components/guests/state-badge";
import { CapacityBar, PercentBar } from "@/components/hosts/capacity-bar";
import { HostStatusBadge } from "@/components/hosts/host-status-badge";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { guestStates } from "@/lib/guests/types";
import { fleetEventText, type FleetResponse, type TopGuest } from "@/lib/metrics/fleet-types";

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

function TopList({ title, guests, format }: { title: string; guests: TopGuest[]; format: (v: number) => string }) {
  return (
    <section aria-label={`Top guests by ${title}`} className={card}>
      <h2 className="mb-2 text-sm font-semibold">Top guests by {title}</h2>
      {guests.length === 0 ? <p className="text-sm text-slate-500">No running guests sampled yet.</p> : null}
      <ol className="space-y-1 text-sm">
        {guests.map((g) => (
          <li key={`${g.hostId}/${g.uuid}`} className="flex justify-between gap-2">
            <Link
              href={`/guests/${encodeURIComponent(g.hostId)}/${g.uuid}?tab=performance`}
              className="truncate text-blue-700 hover:underline dark:text-blue-400"
            >
              {g.name}
            </Link>
            <span className="tabular-nums">{format(g.value)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** oVirt's dashboard, lighter: capacity and overcommit per host, guests by state, the busiest guests, full pools, what happened. */
export function FleetDashboard() {
  const fleet = useQuery({ queryKey: ["fleet"], queryFn: () => api<FleetResponse>("/api/fleet"), refetchInterval: 10_000 });
  if (fleet.isPending) return <p className="text-sm text-slate-500">Loading the fleet…</p>;
  if (fleet.isError) return <p role="alert">{fleet.error.message}</p>;
  const f = fleet.data;
  const hostName = (id: string) => f.hosts.find((h) => h.id === id)?.name ?? id;
  const currentName = (id: string) => f.hosts.find((h) => h.id === id)?.name;

  return (
    <div className="space-y-4">
      <ActiveAlertsCard />
      <BackupProblemsCard problems={f.backupProblems} className={card} />
      <section aria-label="Hosts" className={card}>
        <h2 className="mb-2 text-sm font-semibold">Hosts</h2>
        <Table
          label="Hosts"
          variant="plain"
          columns={["Host", "CPU use", "Memory use", "vCPUs given (overcommit)", "Memory given to running guests", "Guests"].map(
            (label) => ({
              label,
            }),
          )}
        >
          {f.hosts.map((h) => (
            <Row key={h.id} data-testid="fleet-host">
              <Cell>
                <Link href={`/hosts/${encodeURIComponent(h.id)}`} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
                  {h.name}
                </Link>
                <div className="mt-1">{h.status ? <HostStatusBadge status={h.status} /> : null}</div>
              </Cell>
              <Cell className="min-w-32">
                <PercentBar value={h.cpuPercent} label={`${h.name} CPU use`} />
              </Cell>
              <Cell className="min-w-40">
                {h.memUsedKiB !== null && h.memoryKiB ? (
                  <CapacityBar used={h.memUsedKiB * 1024} total={h.memoryKiB * 1024} label={`${h.name} memory use`} />
                ) : (
                  "—"
                )}
              </Cell>
              <Cell className="tabular-nums" data-testid="fleet-overcommit">
                {h.cpus ? `${h.allocatedVcpus} on ${h.cpus} CPUs (${(h.allocatedVcpus / h.cpus).toFixed(1)}:1)` : "—"}
              </Cell>
              <Cell className="min-w-40">
                {h.memoryKiB ? (
                  <CapacityBar used={h.allocatedMemoryKiB * 1024} total={h.memoryKiB * 1024} label={`${h.name} memory given`} />
                ) : (
                  "—"
                )}
              </Cell>
              <Cell className="tabular-nums">{h.guests}</Cell>
            </Row>
          ))}
        </Table>
      </section>

      <section aria-label="Guests by state" className={card}>
        <h2 className="mb-2 text-sm font-semibold">Guests by state</h2>
        <ul className="flex flex-wrap gap-3">
          {guestStates
            .filter((s) => (f.guestsByState[s] ?? 0) > 0)
            .map((s) => (
              <li key={s} data-testid={`fleet-state-${s}`} className="flex items-center gap-1.5 text-sm">
                <StateBadge state={s} /> <span className="font-medium tabular-nums">{f.guestsByState[s]}</span>
              </li>
            ))}
        </ul>
      </section>

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <TopList title="CPU" guests={f.top.cpu} format={(v) => `${v.toFixed(1)} % of host`} />
        <TopList title="memory" guests={f.top.memory} format={(v) => formatBytes(v * 1024)} />
        <TopList title="disk" guests={f.top.disk} format={formatRate} />
        <TopList title="network" guests={f.top.network} format={formatRate} />
      </div>

      <CapacityCard />

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-label="Pools nearly full" className={card}>
          <h2 className="mb-2 text-sm font-semibold">Pools nearly full (80 % or more)</h2>
          {f.poolsNearlyFull.length === 0 ? <p className="text-sm text-slate-500">None.</p> : null}
          <ul className="space-y-2">
            {f.poolsNearlyFull.map((p) => (
              <li key={`${p.hostId}/${p.name}`} className="text-sm">
                {p.name} on {hostName(p.hostId)}
                <CapacityBar used={p.allocationBytes} total={p.capacityBytes} label={`${p.name} use`} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Recent events" className={card}>
          <h2 className="mb-2 text-sm font-semibold">Recent events</h2>
          {f.events.length === 0 ? <p className="text-sm text-slate-500">Nothing since the console started.</p> : null}
          <ul className="space-y-1 text-sm">
            {f.events.map((e) => (
              <li
                key={`${e.at}-${e.kind}-${"uuid" in e ? e.uuid : e.hostId}`}
                className={
                  e.kind === "guest.crashed" || e.kind === "guest.paused" || e.kind === "host.disconnected"
                    ? "text-red-700 dark:text-red-400"
                    : ""
                }
              >
                <time className="mr-2 text-xs text-slate-500 tabular-nums">{new Date(e.at).toLocaleTimeString()}</time>
                {fleetEventText(e, currentName)}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
