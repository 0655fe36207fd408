import "server-only";
import { flagSet } from "@/lib/libvirt";
import { VirDomainModificationImpact, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { GuestRef } from "@/lib/guests/types";
import { Disk, Domain } from "@/lib/xml";
import { ApiError } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { changeGuest } from "../guests/guest-target";
import { SEED_ALIAS } from "@/lib/new-guest/cloud-init";

/** The seed's CD-ROM with the seed in it (a running guest's emptied drive no longer counts). */
const seedDrive = (xml: string) =>
  Domain.parse(xml).devices.disks.items.find((d) => d.device === "cdrom" && d.alias === SEED_ALIAS && d.sourceDescription !== undefined);

/**
 * "Remove the cloud-init seed" once the guest has booted with it: the seed's CD-ROM leaves the saved
 * definition (a running guest's drive is emptied, since a SATA/IDE drive cannot be unplugged live;
 * it is gone at the next start) and its volume is deleted. Audited.
 */
export async function removeCloudInitSeed(ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<{ volume: string | null }> {
  return changeGuest(ctx, { action: "guest.cloudinit.remove-seed", hostId, uuid }, async ({ lv, dom }, details) => {
    const [active, persistent] = await Promise.all([lv.domains.isActive(dom), lv.domains.isPersistent(dom)]);
    const saved = persistent ? seedDrive(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)) : undefined;
    const live = active ? seedDrive(await lv.domains.xml(dom)) : undefined;
    const drive = saved ?? live;
    if (!drive) throw new ApiError(404, { key: "noSeed" });
    const { sourcePool, sourceVolume } = drive;
    details.volume = drive.sourceDescription ?? null;
    const { VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG } = VirDomainModificationImpact;
    if (live) {
      // An empty drive of its own rather than the live one without source: libvirt 9 fails hard on a
      // type='volume' disk whose <source> lost its pool and volume.
      const empty = new Disk({
        type: "file",
        device: "cdrom",
        driverName: "qemu",
        driverType: "raw",
        targetDev: live.targetDev,
        targetBus: live.targetBus,
        readonly: true,
        alias: SEED_ALIAS,
      });
      await lv.domains.updateDevice(dom, empty.toXml(), flagSet(VIR_DOMAIN_AFFECT_LIVE));
    }
    if (saved) await lv.domains.detachDevice(dom, saved.toXml(), flagSet(VIR_DOMAIN_AFFECT_CONFIG));
    if (!sourcePool || !sourceVolume) return { volume: null };
    const volume = await lv.storage.lookupVolume(await lv.storage.lookupPool(sourcePool), sourceVolume).catch(() => null); // already deleted by hand: nothing left to do
    if (volume) await lv.storage.deleteVolume(volume);
    return { volume: sourceVolume };
  });
}
