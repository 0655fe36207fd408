import "server-only";
import { uuidFromString } from "@/lib/libvirt";
import { VirDomainEventType, VirDomainEventStoppedDetailType } from "@/lib/libvirt/generated/flags";
import { db } from "../db";
import { hostPool } from "../hosts/host-pool";
import { log } from "../log";
import { KEPT_XML_FLAGS } from "./mark-guest-ha";

/**
 * Keeps a highly available guest's row current from libvirt's lifecycle events on the host that sends them (the
 * instance holding its lease): "defined" on the host it lives on re-reads the persistent definition; "started" on
 * another host (a migration's arrival) moves it there with that host's definition; "started" and "stopped" say
 * whether it should run after a failure (a guest shut down on purpose stays down; one that left by migration is not
 * stopped). Other guests cost one indexed read.
 */
export async function keepHaDefinition(hostId: string, uuid: string, event: number, detail: number): Promise<void> {
  const row = await db().haGuest.findUnique({ where: { uuid }, select: { hostId: true } });
  if (!row) return;
  try {
    const started = event === VirDomainEventType.VIR_DOMAIN_EVENT_STARTED;
    // Defined here while it lives elsewhere (a restart being tried, a copy): not where it lives, nothing to keep.
    if ((event === VirDomainEventType.VIR_DOMAIN_EVENT_DEFINED && row.hostId === hostId) || (started && row.hostId !== hostId)) {
      const lv = await hostPool().get(hostId);
      const dom = await lv.domains.lookupByUuid(uuidFromString(uuid));
      const xml = await lv.domains.xml(dom, KEPT_XML_FLAGS);
      await db().haGuest.update({ where: { uuid }, data: { hostId, xml, name: dom.name, ...(started && { running: true }) } });
    } else if (started) {
      await db().haGuest.update({ where: { uuid }, data: { running: true } });
    } else if (
      event === VirDomainEventType.VIR_DOMAIN_EVENT_STOPPED &&
      detail !== VirDomainEventStoppedDetailType.VIR_DOMAIN_EVENT_STOPPED_MIGRATED &&
      row.hostId === hostId
    ) {
      await db().haGuest.update({ where: { uuid }, data: { running: false } });
    }
  } catch (err) {
    log.warn({ err, hostId, uuid }, "high availability: could not keep a guest's definition current");
  }
}
