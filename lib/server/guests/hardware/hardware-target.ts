import "server-only";
import { draftDomainRef, findDraft, type GuestDraft } from "../../new-guest/drafts";
import { hostConnection } from "../../storage/storage-target";
import { resolveGuest, type GuestTarget } from "../guest-target";

/** A guest in libvirt, or a new guest's draft still being customized before install (never running). */
export type HardwareTarget = GuestTarget & { draft?: GuestDraft };

/** The hardware pages work on both: a UUID that names one of the person's drafts on this host is that draft. */
export async function resolveHardwareTarget(hostId: string, uuid: string, actorId: string): Promise<HardwareTarget> {
  const draft = await findDraft(actorId, hostId, uuid);
  if (!draft) return resolveGuest(hostId, uuid);
  const { lv, hostName } = await hostConnection(hostId);
  return { lv, hostName, dom: draftDomainRef(draft), draft };
}
