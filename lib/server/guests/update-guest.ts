import "server-only";
import { remoteProcedures as p } from "@/lib/libvirt";
import type { GuestSettingsInput } from "@/lib/validations/guests";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";
import { refuseTemplateStart } from "../templates/template-mark";
import { changeGuest } from "./guest-target";

/** Autostart on/off (never on for a template) and rename (libvirt renames only shut-off guests and says so otherwise). */
export async function updateGuest(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & GuestSettingsInput): Promise<void> {
  if (input.autostart !== undefined) {
    const autostart = input.autostart;
    await changeGuest(ctx, { action: "guest.autostart", hostId, uuid, details: { autostart } }, async (target) => {
      // The host would start it at boot: a template never starts.
      if (autostart) await refuseTemplateStart(target);
      return target.lv.domains.setAutostart(target.dom, autostart);
    });
  }
  if (input.name !== undefined) {
    const name = input.name;
    await changeGuest(ctx, { action: "guest.rename", hostId, uuid, details: { name } }, ({ lv, dom }) =>
      lv.client.call(p.DOMAIN_RENAME, { dom, new_name: name, flags: 0 }),
    );
  }
}
