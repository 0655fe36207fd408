import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";
import { changeGuest } from "./guest-target";

/** Throws away the saved state, so the next start boots afresh. */
export async function discardManagedSave(ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<void> {
  await changeGuest(ctx, { action: "guest.managed-save-remove", hostId, uuid }, ({ lv, dom }) => lv.domains.removeManagedSave(dom));
}
