"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { useFallbackInterval } from "@/lib/client/live-events";
import { revertRefusal, snapshotTree, type SnapshotListResponse, type SnapshotView } from "@/lib/snapshots/model";
import { snapshotPath, snapshotsKey, snapshotsPath, type GuestKey } from "./snapshot-api";
import { CreateSnapshotDialog, DeleteSnapshotDialog, EditDescriptionDialog, RevertSnapshotDialog } from "./snapshot-dialogs";

/** With the creation time, so a new snapshot under a deleted one's name never shows the old picture from the cache. */
const screenUrl = (g: GuestKey, s: SnapshotView) => `${snapshotPath(g, s.name)}/screenshot?t=${s.createdAt}`;

type Open = { kind: "create" } | { kind: "revert" | "delete" | "edit"; snapshot: SnapshotView } | null;

/** The states a snapshot is taken in, each named by guestSnapshots.state.<state>; another is shown as libvirt says it. */
const snapshotStates = ["running", "paused", "shutoff", "disk-snapshot"] as const;
const isKnownState = (s: string): s is (typeof snapshotStates)[number] => (snapshotStates as readonly string[]).includes(s);
const COLUMNS = ["name", "state", "created", "description", "screen"] as const;
/** When a snapshot was taken, in the reader's language and time zone. */
const CREATED_FORMAT = { dateStyle: "medium", timeStyle: "short" } as const;
/** Drawn before a child snapshot: a picture, not a word. */
const TREE_BRANCH = "└";
const stateTones: Record<string, string> = {
  running: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  paused: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
};

/** The guest's snapshots as a tree (virt-manager's snapshot window); buttons only for those who may change the guest. */
export function SnapshotsTab({
  g,
  guestState,
  canManage,
  canTake,
}: {
  g: GuestKey;
  guestState: string;
  canManage: boolean;
  /** May take snapshots (and act on their own): the portal's people, who may not manage the guest. */
  canTake: boolean;
}) {
  const t = useTranslations("guestSnapshots");
  const format = useFormatter();
  const fallback = useFallbackInterval();
  const list = useQuery({
    queryKey: snapshotsKey(g),
    queryFn: () => api<SnapshotListResponse>(snapshotsPath(g)),
    refetchInterval: fallback,
  });
  const [open, setOpen] = useState<Open>(null);
  if (list.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (list.error)
    return (
      <p role="alert" className="text-sm text-red-600 dark:text-red-400">
        {list.error.message}
      </p>
    );
  const { snapshots, options, libvirtVersion, yours } = list.data;
  // Managers act on every snapshot; those who may only take them, on the ones they took.
  const mayTake = canManage || canTake;
  const mayActOn = (name: string) => canManage || (canTake && yours.includes(name));
  const rows = snapshotTree(snapshots);
  const close = () => setOpen(null);
  return (
    <section aria-label={t("title")} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {snapshots.length === 0 ? t("none") : t("count", { count: snapshots.length })}
        </p>
        {mayTake ? <Button onClick={() => setOpen({ kind: "create" })}>{t("take")}</Button> : null}
      </div>
      {rows.length > 0 ? (
        <Table
          label={t("title")}
          columns={[
            ...COLUMNS.map((c) => ({ label: t(`column.${c}`) })),
            ...(mayTake ? [{ label: t("column.actions"), hidden: true }] : []),
          ]}
        >
          {rows.map((s) => (
            <Row key={s.name} data-testid="snapshot-row" data-snapshot={s.name} data-current={s.current}>
              <Cell>
                <div style={{ paddingLeft: `${s.depth * 1.25}rem` }} className="flex flex-wrap items-center gap-2">
                  {s.depth > 0 ? (
                    <span aria-hidden className="text-slate-400">
                      {TREE_BRANCH}
                    </span>
                  ) : null}
                  <span className="font-medium">{s.name}</span>
                  {s.current ? (
                    <span
                      data-testid="current-snapshot"
                      className="rounded-full bg-blue-100 px-2 py-0.5 text-xs font-medium text-blue-800 dark:bg-blue-950 dark:text-blue-300"
                    >
                      {t("current")}
                    </span>
                  ) : null}
                </div>
                <div
                  style={{ paddingLeft: `${s.depth * 1.25}rem` }}
                  className="text-xs text-slate-500"
                  title={s.files.join("\n") || undefined}
                >
                  {t(`kind.${s.kind}`)}
                </div>
              </Cell>
              <Cell>
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ${stateTones[s.state] ?? "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
                >
                  {isKnownState(s.state) ? t(`state.${s.state}`) : s.state}
                </span>
              </Cell>
              <Cell className="whitespace-nowrap tabular-nums">
                {s.createdAt ? format.dateTime(new Date(s.createdAt), CREATED_FORMAT) : "—"}
              </Cell>
              <Cell className="whitespace-pre-wrap">{s.description || <span className="text-slate-400">—</span>}</Cell>
              <Cell>
                {s.hasScreenshot ? (
                  <a href={screenUrl(g, s)} target="_blank" rel="noreferrer">
                    {/* eslint-disable-next-line @next/next/no-img-element -- a small API-served PNG, not a static asset */}
                    <img
                      src={screenUrl(g, s)}
                      alt={t("screenOf", { name: s.name })}
                      className="h-12 w-auto rounded border border-slate-200 dark:border-slate-700"
                    />
                  </a>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </Cell>
              {mayTake ? (
                <Cell>
                  {mayActOn(s.name) ? (
                    <div className="flex flex-wrap justify-end gap-1">
                      <Button
                        variant="secondary"
                        className="px-2 py-1"
                        aria-label={t("revertTo", { name: s.name })}
                        onClick={() => setOpen({ kind: "revert", snapshot: s })}
                      >
                        {t("revert")}
                      </Button>
                      <Button
                        variant="secondary"
                        className="px-2 py-1"
                        aria-label={t("editOf", { name: s.name })}
                        onClick={() => setOpen({ kind: "edit", snapshot: s })}
                      >
                        {t("edit")}
                      </Button>
                      <Button
                        variant="secondary"
                        className="px-2 py-1"
                        aria-label={t("deleteNamed", { name: s.name })}
                        onClick={() => setOpen({ kind: "delete", snapshot: s })}
                      >
                        {t("delete")}
                      </Button>
                    </div>
                  ) : null}
                </Cell>
              ) : null}
            </Row>
          ))}
        </Table>
      ) : null}
      {open?.kind === "create" ? <CreateSnapshotDialog g={g} options={options} onClose={close} /> : null}
      {open?.kind === "revert" ? (
        <RevertSnapshotDialog
          g={g}
          snapshot={open.snapshot}
          guestState={guestState}
          refusal={revertRefusal(open.snapshot, libvirtVersion)}
          onClose={close}
        />
      ) : null}
      {open?.kind === "delete" ? <DeleteSnapshotDialog g={g} snapshot={open.snapshot} all={snapshots} onClose={close} /> : null}
      {open?.kind === "edit" ? <EditDescriptionDialog g={g} snapshot={open.snapshot} onClose={close} /> : null}
    </section>
  );
}
