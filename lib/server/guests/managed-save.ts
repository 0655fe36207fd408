import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";
import { changeGuest } from "./guest-target";

/** Saves the running guest's memory to libvirt's managed image and stops it; the next start resumes it. */
export async function managedSaveGuest(ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<void> {
  await changeGuest(ctx, { action: "guest.managed-save", hostId, uuid }, ({ lv, dom }) => lv.domains.managedSave(dom), {
    forJobs: true,
  });
}
