import "server-only";
import { draftDomainRef, findDraft, type GuestDraft } from "../../new-guest/drafts";
import { hostConnection } from "../../storage/storage-target";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { resolveGuest, type GuestResolver, type GuestTarget } from "../guest-target";
import { requireHardwareView } from "./access";

/** A guest in libvirt, or a new guest's draft still being customized before install (never running). */
export type HardwareTarget = GuestTarget & { draft?: GuestDraft };

/** The hardware pages work on both: a UUID that names one of the person's drafts on this host is that draft. */
export async function resolveHardwareTarget(hostId: string, uuid: string, actorId: string): Promise<HardwareTarget> {
  const draft = await findDraft(actorId, hostId, uuid);
  if (!draft) return resolveGuest(hostId, uuid);
  const { lv, hostName } = await hostConnection(hostId);
  return { lv, hostName, dom: draftDomainRef(draft), draft };
}

/** The guest (or draft) whose hardware or XML the person reads: refused unless they may inspect it (requireHardwareView). */
export async function viewHardwareTarget({ actor }: VerbContext, { hostId, uuid }: GuestRef): Promise<HardwareTarget> {
  requireHardwareView(actor.grants, hostId, uuid);
  return resolveHardwareTarget(hostId, uuid, actor.id);
}

/**
 * changeGuest's options for the hardware verbs: they change a draft of the person's like a guest, and
 * the row says so.
 */
export function withDrafts(ctx: VerbContext): { resolve: GuestResolver<HardwareTarget> } {
  return {
    resolve: async ({ hostId, uuid }, details) => {
      const target = await resolveHardwareTarget(hostId, uuid, ctx.actor.id);
      if (target.draft) details.draft = "customizing before install";
      return target;
    },
  };
}
