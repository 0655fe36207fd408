import "server-only";
import { remoteProcedures as p } from "@/lib/libvirt";
import type { GuestSettingsInput } from "@/lib/validations/guests";
import type { Actor } from "../auth/session";
import { auditedGuestChange } from "./guest-target";

/** Autostart on/off and rename (libvirt renames only shut-off guests and says so otherwise). */
export async function updateGuest(actor: Actor, ip: string, hostId: string, uuid: string, input: GuestSettingsInput): Promise<void> {
  if (input.autostart !== undefined) {
    const autostart = input.autostart;
    await auditedGuestChange({ actor, ip, action: "guest.autostart", hostId, uuid, details: { autostart } }, ({ lv, dom }) =>
      lv.domains.setAutostart(dom, autostart),
    );
  }
  if (input.name !== undefined) {
    const name = input.name;
    await auditedGuestChange({ actor, ip, action: "guest.rename", hostId, uuid, details: { name } }, ({ lv, dom }) =>
      lv.client.call(p.DOMAIN_RENAME, { dom, new_name: name, flags: 0 }),
    );
  }
}
