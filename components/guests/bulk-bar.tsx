"use client";

import { useState } from "react";
import type { GuestRow } from "@/lib/guests/types";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { actionLabels, bulkApplies, type BulkAction } from "./actions-model";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ForceOffWarning } from "@/components/guests/force-off-warning";
import { useBulkPower } from "./use-guest-actions";

/** Shown while guests are selected: bulk Start / Shut down / Force off (confirmed) on those it applies to. */
export function BulkBar({ selected, names, onClear }: { selected: GuestRow[]; names: ReadonlyMap<string, string>; onClear: () => void }) {
  const bulk = useBulkPower(names);
  const [confirming, setConfirming] = useState(false);
  const targets = (action: BulkAction) => selected.filter((g) => bulkApplies(action, g.state, g.template));
  const run = (action: BulkAction) => {
    const guests = targets(action).map((g) => ({ hostId: g.hostId, uuid: g.uuid }));
    if (guests.length > 0) bulk.mutate({ action, guests });
  };
  const button = (action: BulkAction, onClick: () => void) => {
    const n = targets(action).length;
    const control = (
      <Button
        variant={action === "forceoff" ? "danger" : "secondary"}
        disabled={n === 0 || bulk.isPending}
        onClick={onClick}
        className="py-1"
      >
        {actionLabels[action]}
        {n > 0 && n !== selected.length ? ` (${n})` : ""}
      </Button>
    );
    if (n > 0) return control;
    // A disabled button gets no pointer or focus: the reason hangs on a focusable wrapper.
    return (
      <Tooltip content={`None of the selected guests can be ${action === "start" ? "started" : "stopped"} now`}>
        <span tabIndex={0} className="inline-flex rounded-md">
          {control}
        </span>
      </Tooltip>
    );
  };
  const forceTargets = targets("forceoff");
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm dark:border-blue-900 dark:bg-blue-950/40"
    >
      <span data-testid="selection-count" className="mr-2 font-medium">
        {selected.length} selected
      </span>
      {button("start", () => run("start"))}
      {button("shutdown", () => run("shutdown"))}
      {button("forceoff", () => setConfirming(true))}
      <Button variant="ghost" className="py-1" onClick={onClear}>
        Clear selection
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Force off ${forceTargets.length === 1 ? forceTargets[0].name : `${forceTargets.length} guests`}?`}
        confirmLabel="Force off"
        danger
        busy={bulk.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          run("forceoff");
        }}
      >
        <ForceOffWarning names={forceTargets.map((g) => g.name)} />
        {forceTargets.length > 1 ? (
          <p className="max-h-32 overflow-auto text-slate-600 dark:text-slate-400">{forceTargets.map((g) => g.name).join(", ")}</p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
