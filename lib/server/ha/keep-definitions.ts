import "server-only";
import { ErrorCode, isLibvirtError, uuidFromString } from "@/lib/libvirt";
import { VirDomainEventType, VirDomainEventStoppedDetailType } from "@/lib/libvirt/generated/flags";
import { db } from "../db";
import { hostPool } from "../hosts/host-pool";
import { log } from "../log";
import { KEPT_XML_FLAGS } from "./mark-guest-ha";
import { whenGoneFrom } from "../guests/after-undefined";

/**
 * Undefined on the host it lives on: deleted by someone, or moved away by a migration. A row still naming this host
 * whose guest is gone here is forgotten: a deleted guest must not come back after a failure.
 */
function forgetIfGone(hostId: string, uuid: string): void {
  whenGoneFrom(
    hostId,
    uuid,
    async () => {
      await db().haGuest.deleteMany({ where: { uuid, hostId } });
    },
    "high availability",
  );
}

/**
 * Keeps a highly available guest's row current from libvirt's lifecycle events on the host that sends them (the
 * instance holding its lease): "defined" on the host it lives on re-reads the persistent definition; "started" on
 * another host (a migration's arrival) moves it there with that host's definition; "started" and "stopped" say
 * whether it should run after a failure (a guest shut down on purpose stays down; one that left by migration is not
 * stopped); "undefined" where it lives forgets it, unless it turns out to have moved. Other guests cost one indexed
 * read.
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
    } else if (event === VirDomainEventType.VIR_DOMAIN_EVENT_UNDEFINED && row.hostId === hostId) {
      forgetIfGone(hostId, uuid);
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

/**
 * The host (re)connected, or this instance took its lease: events may have been missed meanwhile, so the definitions
 * of the highly available guests living there are read again, with whether they run.
 */
export async function refreshKeptDefinitions(hostId: string): Promise<void> {
  const rows = await db().haGuest.findMany({ where: { hostId }, select: { uuid: true } });
  if (!rows.length) return;
  const lv = await hostPool().get(hostId);
  for (const { uuid } of rows) {
    try {
      const dom = await lv.domains.lookupByUuid(uuidFromString(uuid));
      const [xml, running] = await Promise.all([lv.domains.xml(dom, KEPT_XML_FLAGS), lv.domains.isActive(dom)]);
      await db().haGuest.update({ where: { uuid }, data: { xml, name: dom.name, running } });
    } catch (err) {
      // Gone from here (deleted, or moved while unheard): the undefined rule decides once it is heard of elsewhere.
      if (!isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN))
        log.warn({ err, hostId, uuid }, "high availability: could not refresh a kept definition");
    }
  }
}
