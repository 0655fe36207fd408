"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { api } from "@/lib/client/api";
import { LiveIndicator, useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { useStoredString } from "@/lib/client/use-stored";
import { guestScope, guestStates, type GuestListResponse, type GuestRow, type GuestState, type PowerAction } from "@/lib/guests/types";
import { can, canAnywhere, canSeeHost, canSomewhere, type Grant } from "@/lib/roles";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { BulkBar } from "./bulk-bar";
import { ColumnChooser } from "./column-chooser";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ForceOffWarning } from "@/components/guests/force-off-warning";
import { GuestTable } from "./guest-table";
import { HostErrors } from "./host-errors";
import {
  columns,
  filterGuests,
  stateCounts as countStates,
  nextSort,
  parseHidden,
  rowKey,
  sortGuests,
  statsColumns,
  tagCounts,
  toggleSelection,
  type ColumnId,
  type Sort,
} from "./table-model";
import { TagFilter } from "./tag-filter";
import { usePowerAction } from "./use-guest-actions";

export function GuestsView({ grants, initialHostId }: { grants: Grant[]; initialHostId: string | null }) {
  const t = useTranslations("guests");
  const [hostId, setHostIdState] = useState(initialHostId ?? "");
  const [search, setSearch] = useState("");
  const [states, setStates] = useState<GuestState[]>([]);
  const [templatesOnly, setTemplatesOnly] = useState(false);
  const [sort, setSort] = useState<Sort>({ column: "name", dir: "asc" });
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ guest: GuestRow; action: "forceoff" | "reset" } | null>(null);
  const [storedHidden, setStoredHidden] = useStoredString("guests.hiddenColumns");
  const hidden = useMemo(() => parseHidden(storedHidden), [storedHidden]);
  const shown = useMemo(() => columns.filter((c) => !hidden.includes(c.id)), [hidden]);
  const fallback = useFallbackInterval();
  // Stats have no events: while a stats column is shown, re-sample every 5 s (one request for the whole list).
  const statsShown = shown.some((c) => statsColumns.includes(c.id));

  const list = useQuery({
    queryKey: queryKeys.guests(hostId || undefined),
    queryFn: () => api<GuestListResponse>(hostId ? `/api/guests?hostId=${encodeURIComponent(hostId)}` : "/api/guests"),
    refetchInterval: statsShown ? 5000 : fallback,
    placeholderData: keepPreviousData,
  });
  // The list names every host where the person may see guests: the host filter and the host column need no more.
  const hosts = useMemo(() => list.data?.hosts ?? [], [list.data]);
  const hostNames = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);

  const all = list.data?.guests;
  // Typing stays responsive with 10,000 rows: the list follows the search box a frame later.
  const query = useDeferredValue(search);
  const rows = useMemo(
    () => sortGuests(filterGuests(all ?? [], { search: query, states, templates: templatesOnly }, hostNames), sort, hostNames),
    [all, query, states, templatesOnly, sort, hostNames],
  );
  const orderedKeys = useMemo(() => rows.map(rowKey), [rows]);
  const selectedRows = useMemo(() => rows.filter((g) => selected.has(rowKey(g))), [rows, selected]);
  const names = useMemo(() => new Map((all ?? []).map((g) => [rowKey(g), g.name])), [all]);
  const counts = useMemo(() => countStates(all ?? []), [all]);
  const tags = useMemo(() => tagCounts(all ?? []), [all]);

  const selectable = canAnywhere(grants, "guest.power");
  const canPower = useCallback((g: GuestRow) => can(grants, "guest.power", guestScope(g)), [grants]);
  const canManage = useCallback((g: GuestRow) => can(grants, "guest.manage", guestScope(g)), [grants]);
  const canViewHost = useCallback((id: string) => canSeeHost(grants, id), [grants]);
  const { mutate: runPower } = usePowerAction();
  const onAction = useCallback(
    (g: GuestRow, action: PowerAction) =>
      action === "forceoff" || action === "reset" ? setConfirm({ guest: g, action }) : runPower({ guest: g, action }),
    [runPower],
  );
  const onToggle = useCallback(
    (key: string, shift: boolean) => {
      setSelected((s) => toggleSelection(s, orderedKeys, key, anchor, shift));
      setAnchor(key);
    },
    [orderedKeys, anchor],
  );
  const onToggleAll = () => setSelected(selectedRows.length === rows.length ? new Set() : new Set(orderedKeys));
  const setHostId = (id: string) => {
    setHostIdState(id);
    const url = new URL(window.location.href);
    if (id) url.searchParams.set("host", id);
    else url.searchParams.delete("host");
    window.history.replaceState(null, "", url);
  };
  const filtering = search !== "" || states.length > 0 || templatesOnly;
  const clearFilters = () => {
    setSearch("");
    setStates([]);
    setTemplatesOnly(false);
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            {canSomewhere(grants, "guest.manage", "host") ? (
              <Link href="/guests/new" className="rounded-md bg-blue-600 px-3 py-2 text-sm font-medium text-white hover:bg-blue-700">
                {t("newGuest")}
              </Link>
            ) : null}
            <LiveIndicator />
          </>
        }
      />
      {list.data ? <HostErrors errors={list.data.errors} hosts={list.data.hosts} /> : null}
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <div className="w-72 max-w-full">
          <Input
            type="search"
            aria-label={t("search")}
            placeholder={t("searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="w-48">
          <Select aria-label={t("host")} value={hostId} onChange={(e) => setHostId(e.target.value)}>
            <option value="">{t("allHosts")}</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.status && h.status.state !== "connected" ? t("hostInState", { name: h.name, state: h.status.state }) : h.name}
              </option>
            ))}
          </Select>
        </div>
        <div role="group" aria-label={t("filterByState")} className="flex flex-wrap gap-1">
          {guestStates
            .filter((s) => counts.states.has(s) || states.includes(s))
            .map((s) => {
              const on = states.includes(s);
              return (
                <button
                  key={s}
                  type="button"
                  aria-pressed={on}
                  onClick={() => setStates(on ? states.filter((x) => x !== s) : [...states, s])}
                  className={`rounded-full border px-3 py-1 text-xs ${on ? "border-blue-600 bg-blue-600 text-white" : "border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"}`}
                >
                  {t("stateCount", { state: t(`state.${s}`), count: counts.states.get(s) ?? 0 })}
                </button>
              );
            })}
          {counts.templates > 0 || templatesOnly ? (
            <button
              type="button"
              aria-pressed={templatesOnly}
              onClick={() => setTemplatesOnly(!templatesOnly)}
              className={`rounded-full border px-3 py-1 text-xs ${templatesOnly ? "border-violet-600 bg-violet-600 text-white" : "border-violet-300 text-violet-800 hover:bg-violet-50 dark:border-violet-700 dark:text-violet-200 dark:hover:bg-violet-950"}`}
            >
              {t("templatesCount", { count: counts.templates })}
            </button>
          ) : null}
        </div>
        <div className="ml-auto flex items-center gap-3">
          {all ? (
            <span data-testid="guest-count" className="text-sm text-slate-500">
              {rows.length === all.length ? t("count", { count: all.length }) : t("countOf", { shown: rows.length, count: all.length })}
            </span>
          ) : null}
          <ColumnChooser hidden={hidden} onChange={(h: ColumnId[]) => setStoredHidden(JSON.stringify(h))} />
        </div>
      </div>
      <TagFilter
        counts={tags}
        search={search}
        onSearch={setSearch}
        shown={rows.length}
        onSelectShown={selectable ? () => setSelected(new Set(orderedKeys)) : null}
      />
      {selectable && selectedRows.length > 0 ? (
        <BulkBar selected={selectedRows} names={names} onClear={() => setSelected(new Set())} />
      ) : null}
      {list.isPending ? <p className="text-sm text-slate-500">{t("loading")}</p> : null}
      {list.error ? (
        <p role="alert" className="text-sm text-red-600">
          {list.error.message}
        </p>
      ) : null}
      {list.data && hosts.length === 0 ? <EmptyState title={t("noHosts")}>{t("noHostsHint")}</EmptyState> : null}
      {list.data && hosts.length > 0 && all?.length === 0 ? <EmptyState title={t("noGuests")}>{t("noGuestsHint")}</EmptyState> : null}
      {all && all.length > 0 && rows.length === 0 && filtering ? (
        <EmptyState title={t("noMatch")}>
          <Button variant="secondary" onClick={clearFilters}>
            {t("clearFilters")}
          </Button>
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <GuestTable
          rows={rows}
          columns={shown}
          sort={sort}
          onSort={(c) => setSort((s) => nextSort(s, c))}
          selectable={selectable}
          selected={selected}
          onToggle={onToggle}
          onToggleAll={onToggleAll}
          hostNames={hostNames}
          sampledAt={list.dataUpdatedAt}
          canPower={canPower}
          canManage={canManage}
          canViewHost={canViewHost}
          onAction={onAction}
        />
      ) : null}
      <ConfirmDialog
        open={confirm !== null}
        title={t(confirm?.action === "reset" ? "resetQuestion" : "forceOffQuestion", { name: confirm?.guest.name ?? "" })}
        confirmLabel={t(`action.${confirm?.action === "reset" ? "reset" : "forceoff"}`)}
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm) runPower(confirm);
          setConfirm(null);
        }}
      >
        {confirm?.action === "reset" ? <p>{t("resetWarning")}</p> : <ForceOffWarning names={confirm ? [confirm.guest.name] : []} />}
      </ConfirmDialog>
    </>
  );
}
