import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { changeGuest } from "./guest-target";

/** Key combinations sent through libvirt (no console session needed), as Linux input key codes (codeset 0). */
export const keyCombosByName = {
  "ctrl-alt-del": [29, 56, 111], // KEY_LEFTCTRL, KEY_LEFTALT, KEY_DELETE
} as const;
export type KeyComboName = keyof typeof keyCombosByName;

/** Presses a key combination on the running guest's keyboard (the home page's Ctrl+Alt+Del). Audited. */
export async function sendKeys(ctx: VerbContext, { hostId, uuid, keys }: GuestRef & { keys: KeyComboName }) {
  return changeGuest(ctx, { action: "guest.keys.send", hostId, uuid, details: { keys } }, async ({ lv, dom }) => {
    if (!(await lv.domains.isActive(dom))) throw new ApiError(409, { key: "notRunning" });
    await lv.domains.sendKey(dom, [...keyCombosByName[keys]], { codeset: 0 });
    return { ok: true };
  });
}
