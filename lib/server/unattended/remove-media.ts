import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import { UNATTENDED_ALIAS } from "@/lib/new-guest/unattended";
import { removeConsoleMedium } from "../cloud-init/remove-seed";
import type { VerbContext } from "../verb-context";

/**
 * "Remove the script medium" after an unattended ISO install: the CD-ROM with the script (and its
 * clear-text passwords) leaves the definition and its volume is deleted, like the cloud-init seed. Audited.
 */
export function removeUnattendedMedia(ctx: VerbContext, ref: GuestRef): Promise<{ volume: string | null }> {
  return removeConsoleMedium(ctx, ref, { action: "guest.unattended.remove-media", alias: UNATTENDED_ALIAS, missing: "noUnattendedMedia" });
}
