import "server-only";
import { flagSet } from "@/lib/libvirt";
import { VirDomainModificationImpact, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { GuestRef } from "@/lib/guests/types";
import { Disk, Domain } from "@/lib/xml";
import { ApiError } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { changeGuest } from "../guests/guest-target";
import { SEED_ALIAS } from "@/lib/new-guest/cloud-init";
import type { AuditAction } from "@/lib/audit/actions";

/** The CD-ROM with this user alias, with a medium in it (a running guest's emptied drive no longer counts). */
const aliasedDrive = (xml: string, alias: string) =>
  Domain.parse(xml).devices.disks.items.find((d) => d.device === "cdrom" && d.alias === alias && d.sourceDescription !== undefined);

/**
 * "Remove the cloud-init seed" once the guest has booted with it: the seed's CD-ROM leaves the saved
 * definition (a running guest's drive is emptied, since a SATA/IDE drive cannot be unplugged live;
 * it is gone at the next start) and its volume is deleted. Audited.
 */
export function removeCloudInitSeed(ctx: VerbContext, ref: GuestRef): Promise<{ volume: string | null }> {
  return removeConsoleMedium(ctx, ref, { action: "guest.cloudinit.remove-seed", alias: SEED_ALIAS, missing: "noSeed" });
}

/**
 * A medium the console attached for one use (the cloud-init seed, an unattended install's script), found
 * by its CD-ROM's user alias: leaves the saved definition, is emptied in a running guest, and its volume
 * is deleted. Audited as `action`.
 */
export async function removeConsoleMedium(
  ctx: VerbContext,
  { hostId, uuid }: GuestRef,
  { action, alias, missing }: { action: AuditAction; alias: string; missing: "noSeed" | "noUnattendedMedia" },
): Promise<{ volume: string | null }> {
  return changeGuest(ctx, { action, hostId, uuid }, async ({ lv, dom }, details) => {
    const [active, persistent] = await Promise.all([lv.domains.isActive(dom), lv.domains.isPersistent(dom)]);
    const saved = persistent ? aliasedDrive(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE), alias) : undefined;
    const live = active ? aliasedDrive(await lv.domains.xml(dom), alias) : undefined;
    const drive = saved ?? live;
    if (!drive) throw new ApiError(404, { key: missing });
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
        alias,
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
