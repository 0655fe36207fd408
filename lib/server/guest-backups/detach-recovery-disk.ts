import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainDeviceModifyFlags, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain } from "@/lib/xml";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { stateName } from "../guests/snapshots/list-snapshots";
import { changeGuest } from "../guests/guest-target";

const { VIR_DOMAIN_DEVICE_MODIFY_LIVE: LIVE, VIR_DOMAIN_DEVICE_MODIFY_CONFIG: CONFIG } = VirDomainDeviceModifyFlags;

/**
 * "Detach and discard": takes a recovery disk off the guest (running and saved definition, wherever it
 * still is) and deletes its overlay with everything the guest wrote to it. The restore point is untouched
 * and may be pruned again once nothing holds it.
 */
export async function detachRecoveryDisk(ctx: VerbContext, { hostId, uuid, attachmentId }: GuestRef & { attachmentId: string }) {
  const row = await db().guestBackupAttachment.findFirst({ where: { id: attachmentId, hostId, guestUuid: uuid } });
  if (!row) throw notFound("recoveryDisk");
  return changeGuest(
    ctx,
    { action: "guest.backup.detach", hostId, uuid, details: { point: row.pointId, disk: row.targetDev, overlay: row.volume } },
    async ({ lv, dom }) => {
      const running = stateName((await lv.domains.info(dom)).state) !== "shutoff";
      const where = [
        ...(running ? [{ flags: LIVE, xml: await lv.domains.xml(dom, 0) }] : []),
        ...((await lv.domains.isPersistent(dom))
          ? [{ flags: CONFIG, xml: await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE) }]
          : []),
      ];
      for (const { flags, xml } of where) {
        const disk = Domain.parse(xml).devices.disks.find((d) => d.sourceFile === row.path);
        if (disk) await lv.domains.detachDevice(dom, disk.toXml(), flagSet(flags));
      }
      if (running) await waitGone(lv, dom, row.path);
      const vol = await lv.storage.lookupVolumeByPath(row.path).catch(() => null);
      if (vol) await lv.storage.deleteVolume(vol);
      await db().guestBackupAttachment.delete({ where: { id: row.id } });
      return { detached: row.targetDev };
    },
  );
}

/** A live detach is a request the guest answers (virtio unplug); QEMU lets go of the file only then. */
async function waitGone(lv: Libvirt, dom: DomainRef, path: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (!Domain.parse(await lv.domains.xml(dom, 0)).devices.disks.items.some((d) => d.sourceFile === path)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new ApiError(409, { key: "detachTimedOut" });
}
