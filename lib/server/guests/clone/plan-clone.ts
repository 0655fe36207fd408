import "server-only";
import type { VerbContext } from "../../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import { proposeCloneName, type CloneDiskPlan, type ClonePlan, type CopyRefusal } from "@/lib/guests/clone-plan";
import type { Libvirt } from "@/lib/libvirt";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { type Disk, Domain, StorageVolume } from "@/lib/xml";
import { resolveGuest } from "../guest-target";

const INACTIVE_SECURE = flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);

/** States in which the disks are not being written: shut off, or paused (virt-clone allows that too). */
export function cloneRefusal(state: string): "cloneWhileWriting" | null {
  if (state === "shutoff" || state === "paused") return null;
  return "cloneWhileWriting";
}

/** The guest as the clone dialog needs it: its disks, which of them can be copied, and a free name. */
export async function planClone(_ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<ClonePlan> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const [xml, state, guests] = await Promise.all([lv.domains.xml(dom, INACTIVE_SECURE), lv.domains.state(dom), lv.domains.list()]);
  const domain = Domain.parse(xml);
  const disks = await Promise.all(domain.devices.disks.map((disk) => planDisk(lv, disk, state.name === "paused")));
  return {
    name: dom.name,
    state: state.name,
    refusal: cloneRefusal(state.name),
    proposedName: proposeCloneName(dom.name, new Set(guests.map((g) => g.name))),
    disks,
    nvram: domain.os.nvram || null,
  };
}

async function planDisk(lv: Libvirt, disk: Disk, paused: boolean): Promise<CloneDiskPlan> {
  const base = {
    target: disk.targetDev ?? "",
    device: disk.device ?? "disk",
    source: disk.sourceDescription ?? null,
    readonly: disk.readonly,
    pool: null,
    volume: null,
    format: null,
    capacityBytes: null,
    allocationBytes: null,
  };
  const shareOnly = (copyRefusal: CopyRefusal): CloneDiskPlan => ({ ...base, copyRefusal, defaultAction: "share" });
  if (disk.device === "cdrom" || disk.device === "floppy") return shareOnly({ key: "removable" });
  if (disk.readonly) return shareOnly({ key: "readOnly" });
  const vol = await diskVolume(lv, disk);
  if (!vol) return shareOnly({ key: disk.sourceProtocol ? "networkDisk" : "notInPool" });
  const [volXml, info] = await Promise.all([lv.storage.volumeXml(vol).then((x) => StorageVolume.parse(x)), lv.storage.volumeInfo(vol)]);
  // libvirt copies raw files itself, but other formats go through qemu-img, which QEMU's image lock refuses.
  if (paused && volXml.format !== "raw") return shareOnly({ key: "pausedLocked", format: volXml.format ?? "image" });
  return {
    ...base,
    pool: vol.pool,
    volume: vol.name,
    format: volXml.format ?? null,
    capacityBytes: Number(info.capacity),
    allocationBytes: Number(info.allocation),
    copyRefusal: null,
    defaultAction: "copy",
  };
}

/** The pool volume behind a disk, by pool/volume source or by path; null when no pool holds it. */
export async function diskVolume(lv: Libvirt, disk: Disk) {
  if (disk.sourcePool && disk.sourceVolume) {
    const pool = await lv.storage.lookupPool(disk.sourcePool).catch(() => null);
    return pool ? lv.storage.lookupVolume(pool, disk.sourceVolume).catch(() => null) : null;
  }
  const path = disk.sourceFile ?? disk.sourceDev;
  return path ? lv.storage.lookupVolumeByPath(path).catch(() => null) : null;
}
