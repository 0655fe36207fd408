import "server-only";
import { remoteProcedures as p } from "@/lib/libvirt";
import type { GuestSettingsInput } from "@/lib/validations/guests";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";
import { changeGuest } from "./guest-target";

/** Autostart on/off and rename (libvirt renames only shut-off guests and says so otherwise). */
export async function updateGuest(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & GuestSettingsInput): Promise<void> {
  if (input.autostart !== undefined) {
    const autostart = input.autostart;
    await changeGuest(ctx, { action: "guest.autostart", hostId, uuid, details: { autostart } }, ({ lv, dom }) =>
      lv.domains.setAutostart(dom, autostart),
    );
  }
  if (input.name !== undefined) {
    const name = input.name;
    await changeGuest(ctx, { action: "guest.rename", hostId, uuid, details: { name } }, ({ lv, dom }) =>
      lv.client.call(p.DOMAIN_RENAME, { dom, new_name: name, flags: 0 }),
    );
  }
}
