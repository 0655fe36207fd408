import "server-only";
import type { Actor } from "../auth/session";
import { auditedGuestChange } from "./guest-target";

/** Saves the running guest to a file on its host (virsh save); the guest stops. */
export async function saveGuest(actor: Actor, ip: string, hostId: string, uuid: string, path: string): Promise<void> {
  await auditedGuestChange({ actor, ip, action: "guest.save", hostId, uuid, details: { path } }, ({ lv, dom }) => lv.domains.save(dom, path), { forJobs: true });
}
