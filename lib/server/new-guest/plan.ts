import "server-only";
import { applyClusterCpu } from "../host-clusters/cluster-cpu";
import { redactDomainXml } from "@/lib/guests/domain-secrets";
import type { Libvirt } from "@/lib/libvirt";
import type { GuestPlan } from "@/lib/new-guest/types";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import { Capabilities, DomainCapabilities, StorageVolume, type Domain } from "@/lib/xml";
import { buildGuest, GuestBuildError, type GuestChoices } from "@/lib/xml/builder/guest-builder";
import { ApiError } from "../http/errors";
import { hostConnection } from "../storage/storage-target";
import type { VerbContext } from "../verb-context";
import { osAdvice } from "./os-advice";

/** The disk volume a new guest gets: "<name>.qcow2" or "<name>.img", in the chosen pool. */
export const newDiskName = (input: NewGuestInput) =>
  `${input.name}.${input.storage.kind === "new" && input.storage.format === "raw" ? "img" : "qcow2"}`;

async function volumeFacts(lv: Libvirt, pool: string, volume: string): Promise<{ path: string; format: "qcow2" | "raw" }> {
  const ref = await lv.storage.lookupVolume(await lv.storage.lookupPool(pool), volume).catch(() => {
    throw new ApiError(409, { key: "noVolumeInPool", values: { volume, pool } });
  });
  const xml = StorageVolume.parse(await lv.storage.volumeXml(ref));
  return { path: xml.targetPath ?? ref.key, format: xml.format === "qcow2" ? "qcow2" : "raw" };
}

/** qcow2 volumes an appliance import made (an OVA's disks), first in the guest's disk order. */
export type ImportedDisk = { pool: string; volume: string };

/** The wizard's answers as the builder's choices (disks, installer, boot, network). */
async function choicesFor(
  lv: Libvirt,
  input: NewGuestInput,
  arch: string,
  osId: string | undefined,
  imported: ImportedDisk[],
): Promise<GuestChoices> {
  const disks: GuestChoices["disks"] = imported.map((d) => ({ ...d, format: "qcow2" as const }));
  if (input.install.method === "import") {
    const facts = await volumeFacts(lv, input.install.pool, input.install.volume);
    disks.push({ pool: input.install.pool, volume: input.install.volume, format: facts.format });
  }
  if (input.storage.kind === "new") disks.push({ pool: input.storage.pool, volume: newDiskName(input), format: input.storage.format });
  if (input.storage.kind === "existing")
    disks.push({
      pool: input.storage.pool,
      volume: input.storage.volume,
      format: (await volumeFacts(lv, input.storage.pool, input.storage.volume)).format,
    });
  return {
    name: input.name,
    arch,
    memoryMiB: input.memoryMiB,
    vcpus: input.vcpus,
    disks,
    cdrom: input.install.method === "iso" ? (await volumeFacts(lv, input.install.pool, input.install.volume)).path : undefined,
    pxe: input.install.method === "pxe",
    network: input.network,
    graphics: input.graphics,
    uefi: input.firmware === "uefi",
    virtType: input.virtType === "auto" ? undefined : input.virtType,
    machine: input.machine,
    nicModel: input.nicModel,
    osId,
  };
}

/**
 * The domain "Finish" would define, built by the guest builder from osinfo's advice, the host's
 * capabilities and the answers. BIOS unless the OS needs UEFI or UEFI is chosen; asking for BIOS on
 * an OS that needs UEFI is refused here, with the reason. With `clusterCpu`, the CPU is the baseline of the
 * cluster `hostId` is in.
 */
export async function planGuest(
  lv: Libvirt,
  input: NewGuestInput,
  hostId?: string,
  imported: ImportedDisk[] = [],
): Promise<{ plan: GuestPlan; domain: Domain }> {
  const caps = Capabilities.parse(await lv.host.capabilities());
  const arch = input.arch ?? caps.hostCpu?.arch ?? "x86_64";
  if (!caps.guestsFor(arch).length) throw new ApiError(409, { key: "hostCannotRun", values: { arch } }, { arch: { key: "notOffered" } });
  const { advice, defaults } = await osAdvice(input.os);
  if (input.firmware === "bios" && defaults.uefi === "required")
    throw new ApiError(409, { key: "needsUefi" }, { firmware: { key: "needsUefiField" } });
  const virtType = input.virtType !== "auto" ? input.virtType : caps.guestsFor(arch, "kvm").length ? "kvm" : "qemu";
  // Secure-boot firmware is only offered for the machine type that can run it (q35).
  const machine = input.machine ?? (defaults.q35 ? "q35" : undefined);
  const domcaps = DomainCapabilities.parse(
    await lv.host.domainCapabilities({ arch, virttype: virtType, machine }).catch((err: Error) => {
      throw new ApiError(409, err.message, input.machine ? { machine: "Not usable on this host" } : undefined);
    }),
  );
  let domain: Domain;
  try {
    domain = buildGuest(defaults, caps, domcaps, await choicesFor(lv, input, arch, advice.os?.id, imported));
  } catch (err) {
    if (err instanceof GuestBuildError) throw new ApiError(409, err.message);
    throw err;
  }
  if (input.maxMemoryMiB && input.maxMemoryMiB > input.memoryMiB) domain.memoryKiB = input.maxMemoryMiB * 1024;
  const nic = domain.devices.interfaces.at(0);
  if (nic && input.mac) nic.mac = input.mac.toLowerCase();
  if (input.clusterCpu && hostId) await applyClusterCpu(domain, hostId);
  const uefi = domain.os.firmware === "efi" || Boolean(domain.os.loader);
  return {
    domain,
    plan: {
      xml: redactDomainXml(domain.toXml()),
      firmware: uefi ? "uefi" : "bios",
      secureBoot: domain.features.smm === true,
      tpm: domain.devices.tpms.length > 0,
      machine: domain.os.machine ?? "",
      advice,
    },
  };
}

/** The XML "Finish" would define on the host, with what the builder chose; nothing is created. */
export async function previewGuest(_ctx: VerbContext, { hostId, ...input }: { hostId: string } & NewGuestInput): Promise<GuestPlan> {
  const { lv } = await hostConnection(hostId);
  return (await planGuest(lv, input, hostId)).plan;
}
