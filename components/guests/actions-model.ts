// Which lifecycle actions make sense in which state, and how they are named (pure, unit-tested).
import type { useTranslations } from "next-intl";
import { libvirtSays } from "@/lib/client/api";
import type { ActionResult, GuestState, PowerAction } from "@/lib/guests/types";

/** The guest pages' words (messages/*.json, "guests"); an action's name is action.<action>, its toast done.<action>. */
export type GuestWords = ReturnType<typeof useTranslations<"guests">>;

/**
 * Actions offered for a guest in `state`, in menu order; a template is never started. libvirt (and the server, for
 * templates) still decides; its refusal is shown as is.
 */
export function availableActions(state: GuestState, template = false): PowerAction[] {
  const actions = actionsInState(state);
  return template ? actions.filter((a) => a !== "start") : actions;
}

function actionsInState(state: GuestState): PowerAction[] {
  switch (state) {
    case "running":
    case "blocked":
      return ["shutdown", "reboot", "pause", "reset", "forceoff"];
    case "paused":
      return ["resume", "forceoff"];
    case "shutdown":
    case "pmsuspended":
      return ["forceoff"];
    case "crashed":
      return ["start", "forceoff"];
    case "shutoff":
    case "nostate":
      return ["start"];
  }
}

/** Actions that throw away the guest's unsaved work: asked again in a dialog, red and set apart in menus. */
export const destructiveActions: readonly PowerAction[] = ["reset", "forceoff"];

/** The one action the guest page offers as its button: Start when off, Shut down when running, Resume when paused. */
export function primaryAction(state: GuestState, template = false): PowerAction | null {
  return availableActions(state, template).find((a) => !destructiveActions.includes(a)) ?? null;
}

/** How an action reads on a button or in a menu: those asked again end in "…"; Start says when it continues a saved state. */
export function actionLabel(action: PowerAction, t: GuestWords, hasManagedSave = false): string {
  if (action === "start" && hasManagedSave) return t("startFromSaved");
  return destructiveActions.includes(action) ? `${t(`action.${action}`)}…` : t(`action.${action}`);
}

/** Bulk actions and whether a guest in `state` is a candidate for each (others are skipped, not failed). */
export const bulkActions = ["start", "shutdown", "forceoff"] as const;
export type BulkAction = (typeof bulkActions)[number];

export function bulkApplies(action: BulkAction, state: GuestState, template = false): boolean {
  return availableActions(state, template).includes(action);
}

/** Summary of a bulk run: "3 guests started", plus each failure as "name: libvirt's message". */
export function summarizeBulk(
  action: BulkAction,
  results: readonly ActionResult[],
  names: ReadonlyMap<string, string>,
  t: GuestWords,
): { ok: string | null; failed: string[] } {
  const done = results.filter((r) => r.ok).length;
  const failed = results
    .filter((r) => !r.ok)
    .map((r) =>
      t("failedNamed", {
        name: names.get(`${r.hostId}/${r.uuid}`) ?? r.uuid,
        message: r.message ? (r.libvirt ? libvirtSays(r.message) : r.message) : t("failed"),
      }),
    );
  const ok = done > 0 ? t(`bulkDone.${action}`, { count: done }) : null;
  return { ok, failed };
}
