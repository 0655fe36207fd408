import "server-only";
import { hostHaStates, type HostHaDetail, type HostHaState, type HostHaView } from "@/lib/high-availability/types";
import type { AuditContext } from "../audit";
import { db } from "../db";
import { broadcastLive } from "../ws/broadcast-live";

/** Who the console's own high-availability work is in audit rows and job ownership. */
export const HA_AUDIT: AuditContext = { actor: { id: null, username: "console (high availability)" }, ip: "" };

export function readHaDetail(stored: string | null): HostHaDetail {
  if (!stored) return {};
  try {
    return JSON.parse(stored) as HostHaDetail;
  } catch {
    return {};
  }
}

export function haViewOf(row: { haState: string | null; haStateSince: Date | null; haDetail: string | null }): HostHaView {
  const state = (hostHaStates as readonly string[]).includes(row.haState ?? "") ? (row.haState as HostHaState) : null;
  return { state, since: row.haStateSince?.getTime() ?? null, detail: readHaDetail(row.haDetail) };
}

/** Records a host's fencing state (null clears it) and tells the pages showing the host. */
export async function setHaState(hostId: string, state: HostHaState | null, detail: HostHaDetail = {}): Promise<void> {
  await db().host.update({
    where: { id: hostId },
    data: { haState: state, haStateSince: state ? new Date() : null, haDetail: state ? JSON.stringify(detail) : null },
  });
  broadcastLive([{ event: { type: "host.resync", hostId }, to: { permission: "host.view", scope: { kind: "host", hostId } } }]);
}
