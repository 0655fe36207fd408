// The clone's definition, derived from the original's inactive XML (pure; golden-tested).
import { childElements, Disk, Domain } from "@/lib/xml";

/**
 * What becomes of each disk, by target device: a new file at `path` (a linked clone's is a qcow2 overlay on
 * `backing`, the template's disk), or the original shared read-only.
 */
export type ClonedDisk =
  { target: string; path: string; block?: boolean; backing?: { path: string; format: string } } | { target: string; share: true };

export type CloneXmlInput = {
  name: string;
  disks: readonly ClonedDisk[];
  /** The copied NVRAM file, when the original has one. */
  nvramPath?: string;
  /** A new guest from a template may have other sizes than the template. */
  vcpus?: number;
  memoryMiB?: number;
  /** Disks added to the new guest (a cloud-init seed), as <disk> XML; one with the user alias of an original's disk replaces it. */
  extraDisks?: readonly string[];
  /** Metadata namespaces the new guest does not inherit (a guest made from a template is no template). */
  dropMetadata?: readonly string[];
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
    if (choice.backing) setBackingStore(disk, choice.backing);
  }
  if (input.vcpus !== undefined) {
    dom.setMaxVcpus(input.vcpus);
    dom.currentVcpus = undefined;
  }
  if (input.memoryMiB !== undefined && !dom.setBootMemoryKiB(input.memoryMiB * 1024))
    throw new Error("The guest's memory is split over several NUMA cells; change it on the new guest's hardware page");
  if (input.memoryMiB !== undefined) dom.currentMemoryKiB = input.memoryMiB * 1024;
  for (const xml of input.extraDisks ?? []) {
    const disk = Disk.parse(xml);
    // A template made from a seeded guest still has its seed: the new seed takes its place (aliases are unique).
    const same = disk.alias ? dom.devices.disks.find((d) => d.alias === disk.alias) : undefined;
    same?.removeFromParent();
    dom.devices.disks.add(disk);
  }
  if (input.dropMetadata?.length) dropMetadata(dom, input.dropMetadata);
  // Without a copy, libvirt makes fresh variables for the new name from the template.
  dom.os.nvram = input.nvramPath;
  return dom.toXml();
}

/**
 * The overlay is qcow2 whatever the base's format, and its chain is written out (<backingStore>), so libvirt uses
 * exactly this base and the bulk stats list it for a shut-off guest too (how the console finds linked clones).
 */
function setBackingStore(disk: Disk, backing: { path: string; format: string }): void {
  disk.driverType = "qcow2";
  const el = disk.xmlElement(true);
  if (!el) return;
  for (const old of childElements(el, "backingStore")) el.removeChild(old);
  const doc = el.ownerDocument!;
  const store = doc.createElement("backingStore");
  store.setAttribute("type", "file");
  const format = doc.createElement("format");
  format.setAttribute("type", backing.format);
  const source = doc.createElement("source");
  source.setAttribute("file", backing.path);
  store.appendChild(format);
  store.appendChild(source);
  // No closing <backingStore/>: a base that is an overlay itself keeps its chain, which libvirt reads at start.
  const target = childElements(el, "target")[0];
  el.insertBefore(store, target ?? null);
}

function dropMetadata(dom: Domain, namespaces: readonly string[]): void {
  const root = dom.xmlElement(false);
  if (!root) return;
  for (const metadata of childElements(root, "metadata"))
    for (const el of childElements(metadata)) if (namespaces.includes(el.namespaceURI ?? "")) metadata.removeChild(el);
}

/** <sysinfo type='smbios'><system><entry name='uuid'> must match the domain's UUID, so it goes too. */
function removeSmbiosUuid(dom: Domain): void {
  const root = dom.xmlElement(false);
  if (!root) return;
  for (const sysinfo of childElements(root, "sysinfo"))
    for (const system of childElements(sysinfo, "system"))
      for (const entry of childElements(system, "entry")) if (entry.getAttribute("name") === "uuid") system.removeChild(entry);
}
