import "server-only";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { can } from "@/lib/roles";
import { db } from "../db";
import { changeGuest } from "../guests/guest-target";
import { ApiError, forbidden } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** The definition kept for a restart elsewhere: the persistent one, with its secrets (VNC passwords…) as defined. */
export const KEPT_XML_FLAGS = flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);

/**
 * Marks a guest highly available (or not): restarted on another member of its host's cluster once that host is known
 * to be down. Its persistent definition is kept in the database from now on (the host may be gone when it is needed).
 * Marking turns libvirt's autostart off: the console decides where the guest starts after a failure, and a fenced
 * host that boots again must not start its old copy by itself.
 */
export async function markGuestHa(
  ctx: VerbContext,
  { hostId, uuid, highlyAvailable }: { hostId: string; uuid: string; highlyAvailable: boolean },
): Promise<{ highlyAvailable: boolean }> {
  if (!can(ctx.actor.grants, "guest.manage", { kind: "guest", hostId, guestUuid: uuid })) throw forbidden();
  return changeGuest(ctx, { action: "guest.ha", hostId, uuid, details: { highlyAvailable } }, async ({ lv, dom, hostName }) => {
    if (!highlyAvailable) {
      await db().haGuest.deleteMany({ where: { uuid } });
      return { highlyAvailable };
    }
    const host = await db().host.findUnique({ where: { id: hostId }, select: { clusterId: true } });
    if (!host?.clusterId) throw new ApiError(409, { key: "haInNoCluster", values: { host: hostName } });
    if (!(await lv.domains.isPersistent(dom))) throw new ApiError(409, { key: "haNeedsPersistent", values: { name: dom.name } });
    const xml = await lv.domains.xml(dom, KEPT_XML_FLAGS);
    if (await lv.domains.autostart(dom)) await lv.domains.setAutostart(dom, false);
    const running = await lv.domains.isActive(dom);
    const row = { hostId, name: dom.name, xml, running, markedBy: ctx.actor.id };
    await db().haGuest.upsert({ where: { uuid }, create: { uuid, ...row }, update: row });
    return { highlyAvailable };
  });
}
