"use client";

import { TagChips } from "@/components/tags/tag-chips";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { memo, useRef } from "react";
import type { GuestRow, PowerAction } from "@/lib/guests/types";
import { RowActionMenu } from "./action-menu";
import { isActive } from "@/lib/text/format";
import { StateBadge } from "./state-badge";
import { UsageBar } from "./usage-bar";
import { ariaSort, headerText, SortButton } from "@/components/ui/table";
import { rowKey, type Column, type ColumnId, type Sort } from "./table-model";
import { useGuestFormat } from "./use-guest-format";

const rowHeight = 48;

type TableProps = {
  rows: GuestRow[];
  columns: Column[];
  sort: Sort;
  onSort: (column: ColumnId) => void;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (key: string, shift: boolean) => void;
  onToggleAll: () => void;
  hostNames: ReadonlyMap<string, string>;
  /** When the rows were sampled, for uptime (render stays pure). */
  sampledAt: number;
  canPower: (g: GuestRow) => boolean;
  canManage?: (g: GuestRow) => boolean;
  /** Whether the host name links to the host page (host.view on that host). */
  canViewHost: (hostId: string) => boolean;
  onAction: (g: GuestRow, action: PowerAction) => void;
};

function gridTemplate(columns: Column[], selectable: boolean): string {
  return [selectable ? "2.5rem" : null, ...columns.map((c) => c.width), "3rem"].filter(Boolean).join(" ");
}

/** Rough minimum width so narrow screens scroll sideways instead of squashing columns. */
function minWidthRem(columns: Column[]): number {
  return columns.reduce((sum, c) => sum + Number(/([\d.]+)rem/.exec(c.width)?.[1] ?? 6), 6);
}

/**
 * The guest list draws only the rows in view, so it is the virtualised variant of components/ui/table.tsx: an ARIA
 * table of divs (absolutely placed rows cannot be `<tr>`s) with the same header pieces and a sticky header.
 */
export function GuestTable(props: TableProps) {
  const { rows, columns, sort, onSort, selectable, selected, onToggleAll } = props;
  const t = useTranslations("guests");
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const template = gridTemplate(columns, selectable);
  const allSelected = rows.length > 0 && rows.every((g) => selected.has(rowKey(g)));
  const someSelected = !allSelected && rows.some((g) => selected.has(rowKey(g)));

  return (
    <div
      role="table"
      aria-label={t("title")}
      aria-rowcount={rows.length + 1}
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div ref={scrollRef} data-testid="guest-table-scroll" className="h-[calc(100vh-17rem)] min-h-72 overflow-auto">
        <div style={{ minWidth: `${minWidthRem(columns)}rem` }}>
          <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
            <div role="row" aria-rowindex={1} className={`grid items-center ${headerText}`} style={{ gridTemplateColumns: template }}>
              {selectable ? (
                <div role="columnheader" className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={t("selectAll")}
                    checked={allSelected}
                    ref={(el) => {
                      if (el) el.indeterminate = someSelected;
                    }}
                    onChange={onToggleAll}
                  />
                </div>
              ) : null}
              {columns.map((c) => {
                const active = sort.column === c.id;
                return (
                  <div
                    key={c.id}
                    role="columnheader"
                    aria-sort={ariaSort(true, active, sort.dir)}
                    className={`px-3 py-2 ${c.numeric ? "text-right" : ""}`}
                  >
                    <SortButton label={t(`column.${c.id}`)} active={active} dir={sort.dir} onClick={() => onSort(c.id)} />
                  </div>
                );
              })}
              <div role="columnheader" className="px-3 py-2">
                <span className="sr-only">{t("actions")}</span>
              </div>
            </div>
          </div>
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const g = rows[item.index];
              const key = rowKey(g);
              return (
                <GuestRowView
                  key={key}
                  guest={g}
                  index={item.index}
                  start={item.start}
                  template={template}
                  columns={columns}
                  selectable={selectable}
                  selected={selected.has(key)}
                  onToggle={props.onToggle}
                  hostName={props.hostNames.get(g.hostId) ?? g.hostId}
                  sampledAt={props.sampledAt}
                  canPower={props.canPower(g)}
                  canManage={props.canManage?.(g) ?? false}
                  hostLink={props.canViewHost(g.hostId)}
                  onAction={props.onAction}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

type RowProps = {
  guest: GuestRow;
  index: number;
  start: number;
  template: string;
  columns: Column[];
  selectable: boolean;
  selected: boolean;
  onToggle: (key: string, shift: boolean) => void;
  hostName: string;
  sampledAt: number;
  canPower: boolean;
  canManage: boolean;
  hostLink: boolean;
  onAction: (g: GuestRow, action: PowerAction) => void;
};

const GuestRowView = memo(function GuestRowView({
  guest: g,
  index,
  start,
  template,
  columns,
  selectable,
  selected,
  onToggle,
  hostName,
  sampledAt,
  canPower,
  canManage,
  hostLink,
  onAction,
}: RowProps) {
  const t = useTranslations("guests");
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid="guest-row"
      data-guest={g.name}
      data-uuid={g.uuid}
      data-state={g.state}
      className={`absolute inset-x-0 grid items-center border-b border-slate-100 text-sm dark:border-slate-800 ${selected ? "bg-blue-50 dark:bg-blue-950/40" : "hover:bg-slate-50 dark:hover:bg-slate-800/50"}`}
      style={{ height: rowHeight, transform: `translateY(${start}px)`, gridTemplateColumns: template }}
    >
      {selectable ? (
        <div role="cell" className="px-3">
          <input
            type="checkbox"
            aria-label={t("selectNamed", { name: g.name })}
            checked={selected}
            onChange={(e) => onToggle(`${g.hostId}/${g.uuid}`, (e.nativeEvent as MouseEvent).shiftKey === true)}
          />
        </div>
      ) : null}
      {columns.map((c) => (
        <div key={c.id} role="cell" className={`min-w-0 truncate px-3 ${c.numeric ? "text-right tabular-nums" : ""}`}>
          <Cell column={c.id} g={g} hostName={hostName} hostLink={hostLink} sampledAt={sampledAt} />
        </div>
      ))}
      <div role="cell" className="px-1 text-right">
        <RowActionMenu guest={g} canPower={canPower} canManage={canManage} onAction={(a) => onAction(g, a)} />
      </div>
    </div>
  );
});

function Cell({
  column,
  g,
  hostName,
  hostLink,
  sampledAt,
}: {
  column: ColumnId;
  g: GuestRow;
  hostName: string;
  hostLink: boolean;
  sampledAt: number;
}) {
  const t = useTranslations("guests");
  const format = useGuestFormat();
  switch (column) {
    case "name":
      return (
        <span className="flex flex-col leading-tight">
          <Link
            prefetch={false}
            href={`/guests/${encodeURIComponent(g.hostId)}/${g.uuid}`}
            className="truncate font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            {g.name}
          </Link>
          {g.title ? <span className="truncate text-xs text-slate-500">{g.title}</span> : null}
        </span>
      );
    case "host":
      return !hostLink ? (
        <>{hostName}</>
      ) : (
        <Link prefetch={false} href={`/hosts/${encodeURIComponent(g.hostId)}`} className="hover:underline">
          {hostName}
        </Link>
      );
    case "state":
      return <StateBadge state={g.state} reason={g.stateReason} showReason template={g.template} />;
    case "tags":
      return <TagChips tags={g.tags} label={t("tagsOf", { name: g.name })} />;
    case "vcpus":
      return <>{format.number(g.vcpus)}</>;
    case "memory":
      return <>{format.kib(g.memoryKiB)}</>;
    case "cpu":
      return <UsageBar value={g.cpuPercent} label={t("cpuUseOf", { name: g.name })} />;
    case "memoryUse":
      return <UsageBar value={g.memoryPercent} label={t("memoryUseOf", { name: g.name })} />;
    case "disk":
      return <>{format.rate(g.diskBytesPerSec)}</>;
    case "net":
      return <>{format.rate(g.netBytesPerSec)}</>;
    case "uptime":
      if (!isActive(g.state)) return <>—</>;
      if (g.runningSince === null || sampledAt === 0) return <span title={t("startedBeforeWatching")}>—</span>;
      return <>{format.uptime(g.runningSince, sampledAt)}</>;
    case "ips":
      return <span title={g.ipAddresses.join(", ")}>{g.ipAddresses.length ? g.ipAddresses.join(", ") : "—"}</span>;
    case "autostart":
      return <>{g.autostart ? t("on") : t("off")}</>;
  }
}
