import "server-only";
import type { Actor } from "../auth/session";
import { auditedGuestChange } from "./guest-target";

/** Saves the running guest's memory to libvirt's managed image and stops it; the next start resumes it. */
export async function managedSaveGuest(actor: Actor, ip: string, hostId: string, uuid: string): Promise<void> {
  await auditedGuestChange({ actor, ip, action: "guest.managed-save", hostId, uuid }, ({ lv, dom }) => lv.domains.managedSave(dom), {
    forJobs: true,
  });
}
