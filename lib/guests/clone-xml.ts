// The clone's definition, derived from the original's inactive XML (pure; golden-tested).
import { childElements, Domain } from "@/lib/xml";

/** What becomes of each disk, by target device: a new file at `path`, or the original shared read-only. */
export type ClonedDisk = { target: string; path: string; block?: boolean } | { target: string; share: true };

export type CloneXmlInput = {
  name: string;
  disks: readonly ClonedDisk[];
  /** The copied NVRAM file, when the original has one. */
  nvramPath?: string;
};

/**
 * Everything that identifies a guest is dropped so libvirt gives the clone its own: UUID, MAC
 * addresses, the SMBIOS UUID and the NICs' host-side names. Copied disks point at their copies
 * (as plain files: a pool/volume source names the original's volume); shared ones become read-only,
 * because two guests writing one disk corrupt it.
 */
export function cloneDomainXml(originalXml: string, input: CloneXmlInput): string {
  const dom = Domain.parse(originalXml);
  dom.id = undefined;
  dom.name = input.name;
  dom.uuid = undefined;
  dom.genid = undefined;
  removeSmbiosUuid(dom);
  for (const nic of dom.devices.interfaces) {
    nic.mac = undefined;
    nic.targetDev = undefined;
  }
  for (const choice of input.disks) {
    const disk = dom.devices.disks.find((d) => d.targetDev === choice.target);
    if (!disk) throw new Error(`The guest has no disk ${choice.target}`);
    if ("share" in choice) {
      disk.readonly = true;
      continue;
    }
    disk.clearSource();
    disk.type = choice.block ? "block" : "file";
    if (choice.block) disk.sourceDev = choice.path;
    else disk.sourceFile = choice.path;
  }
  // Without a copy, libvirt makes fresh variables for the new name from the template.
  dom.os.nvram = input.nvramPath;
  return dom.toXml();
}

/** <sysinfo type='smbios'><system><entry name='uuid'> must match the domain's UUID, so it goes too. */
function removeSmbiosUuid(dom: Domain): void {
  const root = dom.xmlElement(false);
  if (!root) return;
  for (const sysinfo of childElements(root, "sysinfo"))
    for (const system of childElements(sysinfo, "system"))
      for (const entry of childElements(system, "entry")) if (entry.getAttribute("name") === "uuid") system.removeChild(entry);
}
