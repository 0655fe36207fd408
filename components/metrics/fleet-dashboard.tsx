"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { ActiveAlertsCard } from "@/components/alerts/active-alerts-card";
import { CapacityCard } from "@/components/reports/capacity-card";
import { BackupProblemsCard } from "@/components/guests/backups/backup-problems-card";
import { StateBadge } from "@/components/guests/state-badge";
import { CapacityBar, PercentBar } from "@/components/hosts/capacity-bar";
import { HostStatusBadge } from "@/components/hosts/host-status-badge";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { useUnits } from "@/lib/client/use-units";
import { guestStates } from "@/lib/guests/types";
import type { FleetResponse, TopGuest } from "@/lib/metrics/fleet-types";
import { fleetEventText } from "./fleet-event-text";

/** An event's time of day, in the reader's language and time zone. */
const EVENT_TIME = { timeStyle: "medium" } as const;

const HOST_COLUMNS = ["host", "cpuUse", "memoryUse", "vcpusGiven", "memoryGiven", "guests"] as const;

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

const TOP_LISTS = ["cpu", "memory", "disk", "network"] as const;

function TopList({ title, guests, format }: { title: string; guests: TopGuest[]; format: (v: number) => string }) {
  const t = useTranslations("dashboard");
  return (
    <section aria-label={title} className={card}>
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      {guests.length === 0 ? <p className="text-sm text-slate-500">{t("noneSampled")}</p> : null}
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
  const t = useTranslations("dashboard");
  const units = useUnits();
  const format = useFormatter();
  const fleet = useQuery({ queryKey: ["fleet"], queryFn: () => api<FleetResponse>("/api/fleet"), refetchInterval: 10_000 });
  if (fleet.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (fleet.isError) return <p role="alert">{fleet.error.message}</p>;
  const f = fleet.data;
  const topFormat: Record<(typeof TOP_LISTS)[number], (v: number) => string> = {
    cpu: (v) => t("ofHost", { percent: units.percent(v) }),
    memory: (v) => units.kib(v),
    disk: units.rate,
    network: units.rate,
  };
  const hostName = (id: string) => f.hosts.find((h) => h.id === id)?.name ?? id;
  const currentName = (id: string) => f.hosts.find((h) => h.id === id)?.name;

  return (
    <div className="space-y-4">
      <ActiveAlertsCard />
      <BackupProblemsCard problems={f.backupProblems} className={card} />
      <section aria-label={t("hosts")} className={card}>
        <h2 className="mb-2 text-sm font-semibold">{t("hosts")}</h2>
        <Table label={t("hosts")} variant="plain" columns={HOST_COLUMNS.map((c) => ({ label: t(`col.${c}`) }))}>
          {f.hosts.map((h) => (
            <Row key={h.id} data-testid="fleet-host">
              <Cell>
                <Link href={`/hosts/${encodeURIComponent(h.id)}`} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
                  {h.name}
                </Link>
                <div className="mt-1">{h.status ? <HostStatusBadge status={h.status} /> : null}</div>
              </Cell>
              <Cell className="min-w-32">
                <PercentBar value={h.cpuPercent} label={t("hostCpuUse", { host: h.name })} />
              </Cell>
              <Cell className="min-w-40">
                {h.memUsedKiB !== null && h.memoryKiB ? (
                  <CapacityBar used={h.memUsedKiB * 1024} total={h.memoryKiB * 1024} label={t("hostMemoryUse", { host: h.name })} />
                ) : (
                  "—"
                )}
              </Cell>
              <Cell className="tabular-nums" data-testid="fleet-overcommit">
                {h.cpus
                  ? t("overcommit", {
                      given: h.allocatedVcpus,
                      cpus: h.cpus,
                      ratio: format.number(h.allocatedVcpus / h.cpus, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
                    })
                  : "—"}
              </Cell>
              <Cell className="min-w-40">
                {h.memoryKiB ? (
                  <CapacityBar
                    used={h.allocatedMemoryKiB * 1024}
                    total={h.memoryKiB * 1024}
                    label={t("hostMemoryGiven", { host: h.name })}
                  />
                ) : (
                  "—"
                )}
              </Cell>
              <Cell className="tabular-nums">{h.guests}</Cell>
            </Row>
          ))}
        </Table>
      </section>

      <section aria-label={t("byState")} className={card}>
        <h2 className="mb-2 text-sm font-semibold">{t("byState")}</h2>
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
        {TOP_LISTS.map((list) => (
          <TopList key={list} title={t(`top.${list}`)} guests={f.top[list]} format={topFormat[list]} />
        ))}
      </div>

      <CapacityCard />

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-label={t("poolsFull")} className={card}>
          <h2 className="mb-2 text-sm font-semibold">{t("poolsFullHeading")}</h2>
          {f.poolsNearlyFull.length === 0 ? <p className="text-sm text-slate-500">{t("none")}</p> : null}
          <ul className="space-y-2">
            {f.poolsNearlyFull.map((p) => (
              <li key={`${p.hostId}/${p.name}`} className="text-sm">
                {t("poolOn", { pool: p.name, host: hostName(p.hostId) })}
                <CapacityBar used={p.allocationBytes} total={p.capacityBytes} label={t("poolUse", { pool: p.name })} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-label={t("events")} className={card}>
          <h2 className="mb-2 text-sm font-semibold">{t("events")}</h2>
          {f.events.length === 0 ? <p className="text-sm text-slate-500">{t("noEvents")}</p> : null}
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
                <time className="mr-2 text-xs text-slate-500 tabular-nums">{format.dateTime(new Date(e.at), EVENT_TIME)}</time>
                {fleetEventText(e, currentName, t)}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
