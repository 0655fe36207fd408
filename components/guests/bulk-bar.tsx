"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { GuestRow } from "@/lib/guests/types";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { bulkActions, bulkApplies, type BulkAction } from "./actions-model";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ForceOffWarning } from "@/components/guests/force-off-warning";
import { useBulkPower } from "./use-guest-actions";

/** Shown while guests are selected: bulk Start / Shut down / Force off (confirmed) on those it applies to. */
export function BulkBar({ selected, names, onClear }: { selected: GuestRow[]; names: ReadonlyMap<string, string>; onClear: () => void }) {
  const t = useTranslations("guests");
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
        {n > 0 && n !== selected.length ? t("actionCount", { action: t(`action.${action}`), count: n }) : t(`action.${action}`)}
      </Button>
    );
    if (n > 0) return control;
    // A disabled button gets no pointer or focus: the reason hangs on a focusable wrapper.
    return (
      <Tooltip content={action === "start" ? t("noneStartable") : t("noneStoppable")}>
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
      aria-label={t("bulkActions")}
      className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm dark:border-blue-900 dark:bg-blue-950/40"
    >
      <span data-testid="selection-count" className="mr-2 font-medium">
        {t("selected", { count: selected.length })}
      </span>
      {bulkActions.map((a) => (
        <span key={a} className="contents">
          {button(a, a === "forceoff" ? () => setConfirming(true) : () => run(a))}
        </span>
      ))}
      <Button variant="ghost" className="py-1" onClick={onClear}>
        {t("clearSelection")}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={
          forceTargets.length === 1
            ? t("forceOffQuestion", { name: forceTargets[0].name })
            : t("forceOffGuestsQuestion", { count: forceTargets.length })
        }
        confirmLabel={t("action.forceoff")}
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
