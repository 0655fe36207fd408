import "server-only";
import type { PresenceResponse } from "@/lib/consoles/presence";
import { can } from "@/lib/roles";
import type { Actor } from "../auth/session";
import { consolePresence } from "./presence";

/**
 * Who is on the consoles of the guests this person may open consoles of (one guest, or all of them for the
 * helpdesk home). Reading only: not audited.
 */
export function listPresence(actor: Actor, only?: { hostId: string; uuid: string }): PresenceResponse {
  const seats = only ? consolePresence().seatsOf(only.hostId, only.uuid) : consolePresence().allSeats();
  return { seats: seats.filter((s) => can(actor.grants, "guest.console", { kind: "guest", hostId: s.hostId, guestUuid: s.uuid })) };
}
