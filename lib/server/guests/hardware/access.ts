import "server-only";
import { can, canSeeHost, type Grant } from "@/lib/roles";
import { forbidden } from "../../http/errors";

/** Hardware, XML and snapshots are for those who see the host or may change the guest; helpdesk staff run guests, they don't inspect them. */
export function canInspectGuest(grants: readonly Grant[], hostId: string, uuid: string): boolean {
  return canSeeHost(grants, hostId) || can(grants, "guest.manage", { kind: "guest", hostId, guestUuid: uuid });
}

export function requireHardwareView(grants: readonly Grant[], hostId: string, uuid: string): { canManage: boolean } {
  if (!canInspectGuest(grants, hostId, uuid)) throw forbidden();
  return { canManage: can(grants, "guest.manage", { kind: "guest", hostId, guestUuid: uuid }) };
}
