import "server-only";
import type { Actor } from "../auth/session";
import { ApiError } from "../http/errors";
import { auditedGuestChange } from "./guest-target";

/** Key combinations sent through libvirt (no console session needed), as Linux input key codes (codeset 0). */
export const keyCombosByName = {
  "ctrl-alt-del": [29, 56, 111], // KEY_LEFTCTRL, KEY_LEFTALT, KEY_DELETE
} as const;
export type KeyComboName = keyof typeof keyCombosByName;

/** Presses a key combination on the running guest's keyboard (the home page's Ctrl+Alt+Del). Audited. */
export async function sendKeys(actor: Actor, ip: string, hostId: string, uuid: string, combo: KeyComboName) {
  return auditedGuestChange({ actor, ip, action: "guest.keys.send", hostId, uuid, details: { keys: combo } }, async ({ lv, dom }) => {
    if (!(await lv.domains.isActive(dom))) throw new ApiError(409, "The guest is not running");
    await lv.domains.sendKey(dom, [...keyCombosByName[combo]], { codeset: 0 });
    return { ok: true };
  });
}
