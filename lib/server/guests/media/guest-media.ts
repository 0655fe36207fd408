import "server-only";
import { isoName, type GuestMedia } from "@/lib/guests/media";
import { flagSet } from "@/lib/libvirt";
import { VirDomainModificationImpact, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain } from "@/lib/xml";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { ApiError } from "../../http/errors";
import { readSetting } from "../../settings/settings";
import { changeGuest, resolveGuest } from "../guest-target";

const cdroms = (xml: string) => Domain.parse(xml).devices.disks.items.filter((d) => d.device === "cdrom");

async function libraryFor(hostId: string) {
  return (await readSetting("isoLibrary")).value.filter((e) => e.hostId === hostId).map((e) => ({ path: e.path, name: isoName(e.path) }));
}

/** The guest's CD drives with what is in them, and the approved ISO images on its host. Reading only. */
export async function guestMedia(_ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<GuestMedia> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const [xml, library] = await Promise.all([lv.domains.xml(dom), libraryFor(hostId)]);
  return { drives: cdroms(xml).map((d) => ({ target: d.targetDev ?? "?", path: d.sourceFile ?? null })), library };
}

/**
 * Puts an approved ISO image into a CD drive, or empties it (path null): in the running guest and in its
 * saved definition alike. Only images an administrator approved for the guest's host are accepted, for
 * everyone; other media are a hardware change (the Hardware tab). Audited.
 */
export async function changeMedium(ctx: VerbContext, { hostId, uuid, target, path }: GuestRef & { target: string; path: string | null }) {
  return changeGuest(ctx, { action: "guest.media.change", hostId, uuid, details: { drive: target, to: path } }, async ({ lv, dom }) => {
    if (path !== null && !(await libraryFor(hostId)).some((i) => i.path === path)) throw new ApiError(422, { key: "notInIsoLibrary" });
    const [active, persistent] = await Promise.all([lv.domains.isActive(dom), lv.domains.isPersistent(dom)]);
    const xml = await lv.domains.xml(dom, active ? 0 : VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    const drive = cdroms(xml).find((d) => d.targetDev === target);
    if (!drive) throw new ApiError(404, { key: "noCdDrive", values: { target } });
    drive.sourceFile = path ?? undefined;
    const { VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG } = VirDomainModificationImpact;
    await lv.domains.updateDevice(
      dom,
      drive.toXml(),
      flagSet(active ? VIR_DOMAIN_AFFECT_LIVE : 0, persistent ? VIR_DOMAIN_AFFECT_CONFIG : 0),
    );
    return { ok: true };
  });
}
