import "server-only";
import { guestEventKinds, type FleetEvent } from "@/lib/metrics/fleet-types";
import { db } from "../db";
import { KEPT_EVENTS } from "./record-event";

const hostKinds = ["host.disconnected", "host.connected"] as const;

/** The newest recent events the filter lets through, newest first. */
export async function recentEvents(visible: (event: FleetEvent) => boolean, limit = 20): Promise<FleetEvent[]> {
  const rows = await db().fleetEvent.findMany({ orderBy: { at: "desc" }, take: KEPT_EVENTS });
  const events: FleetEvent[] = [];
  for (const r of rows) {
    const at = r.at.getTime();
    const host = { hostId: r.hostId, ...(r.hostName ? { hostName: r.hostName } : {}) };
    const guestKind = guestEventKinds.find((k) => k === r.kind);
    const hostKind = hostKinds.find((k) => k === r.kind);
    if (guestKind && r.guestUuid)
      events.push({ at, kind: guestKind, ...host, uuid: r.guestUuid, name: r.name ?? "", ...(r.message ? { message: r.message } : {}) });
    else if (hostKind) events.push({ at, kind: hostKind, ...host, ...(r.message ? { message: r.message } : {}) });
  }
  return events.filter(visible).slice(0, limit);
}
