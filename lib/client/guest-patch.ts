// A lifecycle event carries the guest's new state: the lists and the guest's page that hold the guest show it
// at once, before the re-read the same event starts (which brings the figures an event does not carry).
import type { QueryClient } from "@tanstack/react-query";
import { guestStates, type GuestListResponse, type GuestRow, type GuestState } from "@/lib/guests/types";
import { isActive } from "@/lib/text/format";
import { queryKeys, type LiveMessage } from "./live-keys";

export type GuestStatePatch = { hostId: string; uuid: string; state: GuestState; reason: string };

/** The patch a live message carries, or null (not a lifecycle change, or a state this page does not know). */
export function statePatchFor(msg: LiveMessage): GuestStatePatch | null {
  if (msg.type !== "domain" || typeof msg.state !== "string") return null;
  const state = guestStates.find((s) => s === msg.state);
  if (!state) return null;
  return { hostId: msg.hostId, uuid: msg.uuid, state, reason: typeof msg.reason === "string" ? msg.reason : "" };
}

function patchRow(row: GuestRow, p: GuestStatePatch): GuestRow {
  if (row.state === p.state && row.stateReason === p.reason) return row;
  // A guest that stopped has no usage figures; those of a started one arrive with the re-read.
  const stopped = !isActive(p.state);
  return {
    ...row,
    state: p.state,
    stateReason: p.reason,
    ...(stopped && { cpuPercent: null, memoryPercent: null, diskBytesPerSec: null, netBytesPerSec: null, runningSince: null }),
  };
}

/** Every cached list's row for the guest, and the guest's own page, with the new state. */
export function applyStatePatch(queryClient: QueryClient, p: GuestStatePatch): void {
  const same = (g: GuestRow) => g.hostId === p.hostId && g.uuid === p.uuid;
  queryClient.setQueriesData<GuestListResponse>({ queryKey: queryKeys.guests() }, (list) => {
    if (!list?.guests?.some(same)) return list;
    return { ...list, guests: list.guests.map((g) => (same(g) ? patchRow(g, p) : g)) };
  });
  queryClient.setQueryData<{ guest: GuestRow }>(queryKeys.guest(p.hostId, p.uuid), (detail) =>
    detail?.guest ? { ...detail, guest: patchRow(detail.guest, p) } : detail,
  );
}
