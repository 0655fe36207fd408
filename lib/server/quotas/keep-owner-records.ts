import "server-only";
import { VirDomainEventType } from "@/lib/libvirt/generated/flags";
import { db } from "../db";
import { whenGoneFrom } from "../guests/after-undefined";
import { log } from "../log";

/**
 * Keeps the record of who made a guest true to libvirt's lifecycle events, so a power user keeps reaching their guest
 * and their quota counts what exists: a guest started or defined on another host (migrated, maintenance, a highly
 * available restart) is recorded there; one undefined where it lives and not back there after a while (deleted with
 * `virsh`, or by another console) stops counting. Other guests cost one indexed read.
 */
export async function keepOwnerRecord(hostId: string, uuid: string, event: number): Promise<void> {
  try {
    const row = await db().guestOwner.findFirst({ where: { guestUuid: uuid }, select: { id: true, hostId: true } });
    if (!row) return;
    const arrived = event === VirDomainEventType.VIR_DOMAIN_EVENT_STARTED || event === VirDomainEventType.VIR_DOMAIN_EVENT_DEFINED;
    if (arrived && row.hostId !== hostId) await db().guestOwner.update({ where: { id: row.id }, data: { hostId } });
    else if (event === VirDomainEventType.VIR_DOMAIN_EVENT_UNDEFINED && row.hostId === hostId) forgetIfGone(row.id, hostId, uuid);
  } catch (err) {
    log.warn({ err, hostId, uuid }, "quotas: could not keep a guest's owner record current");
  }
}

function forgetIfGone(id: string, hostId: string, uuid: string): void {
  whenGoneFrom(
    hostId,
    uuid,
    async () => {
      await db().guestOwner.deleteMany({ where: { id, hostId } });
    },
    "quotas",
  );
}
