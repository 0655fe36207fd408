import "server-only";
import type { Actor } from "../auth/session";
import { auditedGuestChange } from "./guest-target";

/** Throws away the saved state, so the next start boots afresh. */
export async function discardManagedSave(actor: Actor, ip: string, hostId: string, uuid: string): Promise<void> {
  await auditedGuestChange({ actor, ip, action: "guest.managed-save-remove", hostId, uuid }, ({ lv, dom }) =>
    lv.domains.removeManagedSave(dom),
  );
}
