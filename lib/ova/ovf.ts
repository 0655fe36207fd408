// Reads an OVF descriptor (DMTF DSP0243, as VMware and VirtualBox write it) into the guest the wizard
// builds: name, CPUs, memory, disks, NICs, firmware, OS, and the things it cannot carry over.
import type { Element } from "@xmldom/xmldom";
import { z } from "zod";
import { childElements, parseDocument } from "@/lib/xml/core/dom";
import { OvaProblem } from "./problems";

/** Something of the appliance the new guest does not get, shown to the person before install. */
export type Unmapped = { kind: (typeof unmappedKinds)[number]; detail: string };
export const unmappedKinds = ["sound", "usb", "serial", "parallel", "floppy", "cdrom", "device", "emptyDisk", "setting", "os"] as const;

/** `format`: what the OVF says the file is ("vmdk" for VMware's and VirtualBox's), checked against qemu-img's reading. */
export type OvfDisk = { file: string; capacityBytes: number | null; format: "vmdk" | "qcow2" | "raw" | null };
export type OvfGuest = {
  name: string;
  vcpus: number;
  memoryMiB: number;
  firmware: "bios" | "uefi" | null;
  /** An osinfo short id when the OVF's OS maps to one. */
  os: string | null;
  disks: OvfDisk[];
  nics: { model: "virtio" | "e1000e" }[];
  unmapped: Unmapped[];
};

const text = z.string().trim().max(4096);
/** One rasd:Item / ovf:Item of the VirtualHardwareSection, as read (strings only, checked before use). */
const itemSchema = z.object({
  resourceType: z.string().regex(/^\d{1,5}$/),
  subType: text.optional(),
  elementName: text.optional(),
  quantity: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  units: text.optional(),
  hostResource: text.optional(),
  connection: text.optional(),
  automatic: text.optional(),
});
type Item = z.infer<typeof itemSchema>;
const fileSchema = z.object({ id: z.string().min(1), href: z.string().min(1) });
const diskSchema = z.object({
  diskId: z.string().min(1),
  fileRef: z.string().optional(),
  capacity: z.string().regex(/^\d{1,20}$/),
  units: text.optional(),
  format: text.optional(),
});

/** The disk format an OVF's ovf:format URI names (VMware's vmdk.html#streamOptimized, or a qcow2/raw hint). */
const formatOf = (uri: string | undefined): OvfDisk["format"] =>
  !uri ? null : /vmdk/i.test(uri) ? "vmdk" : /qcow/i.test(uri) ? "qcow2" : /raw/i.test(uri) ? "raw" : null;

/** The name without its namespace prefix, which OVF writers choose freely. */
const local = (el: Element) => el.localName ?? el.tagName.replace(/^.*:/, "");
const kids = (el: Element, name: string) => childElements(el).filter((c) => local(c) === name);
const kid = (el: Element, name: string) => kids(el, name)[0];
const content = (el: Element | undefined) => el?.textContent?.trim() || undefined;
/** An attribute by local name, whatever its prefix (ovf:, vmw:, or none). */
function attr(el: Element, name: string): string | undefined {
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if ((a.localName ?? a.name.replace(/^.*:/, "")) === name) return a.value;
  }
  return undefined;
}

/**
 * Bytes in one unit of a DMTF programmatic unit ("byte * 2^20", "byte*1024^3") or of the names
 * VirtualBox and older writers use ("MegaBytes", "MB", "GB"); binary multiples, as those tools mean them.
 */
export function unitBytes(units: string | undefined, fallback: number): number {
  if (!units) return fallback;
  const u = units.replace(/\s+/g, "").toLowerCase();
  const programmatic = /^byte(?:\*(\d+)\^(\d+))?$/.exec(u);
  if (programmatic) return programmatic[1] ? Number(programmatic[1]) ** Number(programmatic[2]) : 1;
  const named: Record<string, number> = {
    bytes: 1,
    kb: 2 ** 10,
    kilobytes: 2 ** 10,
    mb: 2 ** 20,
    megabytes: 2 ** 20,
    gb: 2 ** 30,
    gigabytes: 2 ** 30,
    tb: 2 ** 40,
    terabytes: 2 ** 40,
  };
  const found = named[u];
  if (found === undefined) throw new OvaProblem("ovaNotOvf", { detail: `unknown allocation unit "${units}"` });
  return found;
}

/** VMware's guest ids (vmw:osType) and a few CIM OS numbers, as osinfo short ids; the rest stays generic. */
const vmwareOs: [RegExp, string][] = [
  [/^windows11/i, "win11"],
  [/^windows2019srvNext/i, "win2k22"],
  [/^windows2019srv/i, "win2k19"],
  [/^windows9Server/i, "win2k16"],
  [/^windows9/i, "win10"],
  [/^rhel9/i, "rhel9.0"],
  [/^rhel8/i, "rhel8.0"],
  [/^debian12/i, "debian12"],
  [/^debian11/i, "debian11"],
  [/^(ubuntu|debian|rhel|centos|oracleLinux|sles|opensuse|other\d*xLinux|fedora|almalinux|rockylinux|amazonlinux)/i, "linux2022"],
];
/** CIM_OperatingSystem OSType numbers (ovf:id) of Linux families. */
const cimLinux = new Set(["36", "79", "80", "93", "94", "95", "96", "97", "98", "99", "100", "101", "102", "103", "106", "107"]);

function osOf(section: Element | undefined): { os: string | null; unmapped: Unmapped[] } {
  if (!section) return { os: null, unmapped: [] };
  const vmw = attr(section, "osType");
  const cim = attr(section, "id");
  const said = content(kid(section, "Description")) ?? vmw ?? cim ?? "";
  const byVmw = vmw ? vmwareOs.find(([re]) => re.test(vmw))?.[1] : undefined;
  const os = byVmw ?? (cim && cimLinux.has(cim) ? "linux2022" : null);
  return { os, unmapped: os ? [] : said && cim !== "1" && cim !== "0" ? [{ kind: "os", detail: said }] : [] };
}

/** What a hardware item that is not CPU, memory, disk, NIC or a controller becomes in the unmapped list. */
function unmappedItem(item: Item): Unmapped | null {
  const detail = item.elementName ?? item.subType ?? `ResourceType ${item.resourceType}`;
  switch (item.resourceType) {
    case "5": // IDE controller
    case "6": // SCSI controller
    case "20": // other storage controller (SATA, NVMe)
    case "24": // graphics: the console gives the guest its own
      return null;
    case "14":
      return { kind: "floppy", detail };
    case "15":
    case "16":
      return { kind: "cdrom", detail };
    case "21":
      return { kind: "serial", detail };
    case "22":
      return { kind: "parallel", detail };
    case "23":
      return { kind: "usb", detail };
    case "35":
      return { kind: "sound", detail };
    default:
      // VMware writes its sound card as ResourceType 1 with a vmware.soundcard.* subtype.
      return { kind: /soundcard|sound/i.test(item.subType ?? "") ? "sound" : "device", detail };
  }
}

const readItem = (el: Element): Item =>
  itemSchema.parse({
    resourceType: content(kid(el, "ResourceType")) ?? "",
    subType: content(kid(el, "ResourceSubType")),
    elementName: content(kid(el, "ElementName")) ?? content(kid(el, "Caption")),
    quantity: content(kid(el, "VirtualQuantity")),
    units: content(kid(el, "AllocationUnits")),
    hostResource: content(kid(el, "HostResource")),
    connection: content(kid(el, "Connection")),
    automatic: content(kid(el, "AutomaticAllocation")),
  });

/** Settings VMware keeps beside the hardware (vmw:Config / vmw:ExtraConfig): firmware is used, the rest listed. */
function vmwareSettings(hardware: Element): { firmware: "bios" | "uefi" | null; unmapped: Unmapped[] } {
  let firmware: "bios" | "uefi" | null = null;
  const unmapped: Unmapped[] = [];
  for (const el of childElements(hardware).filter((c) => local(c) === "Config" || local(c) === "ExtraConfig")) {
    const key = attr(el, "key") ?? "";
    const value = attr(el, "value") ?? "";
    if (key === "firmware") firmware = value.toLowerCase() === "efi" ? "uefi" : value.toLowerCase() === "bios" ? "bios" : null;
    else if (key) unmapped.push({ kind: "setting", detail: `${key} = ${value}` });
  }
  return { firmware, unmapped };
}

/** VirtualBox says EFI in its own section (<vbox:Machine> … <Firmware type="EFI"/>). */
function virtualBoxFirmware(system: Element): "uefi" | null {
  const stack = [...childElements(system)];
  while (stack.length) {
    const el = stack.pop()!;
    if (local(el) === "Firmware" && /^efi/i.test(attr(el, "type") ?? "")) return "uefi";
    stack.push(...childElements(el));
  }
  return null;
}

/**
 * The guest an OVF describes. Refuses text that is not XML or not an OVF envelope, and an appliance of
 * several virtual machines (import those one by one); anything it cannot carry over is in `unmapped`.
 */
export function readOvf(xml: string): OvfGuest {
  let root: Element;
  try {
    const doc = parseDocument(xml);
    root = doc.documentElement!;
  } catch (err) {
    throw new OvaProblem("ovaNotXml", { detail: (err as Error).message.slice(0, 300) });
  }
  if (!root || local(root) !== "Envelope") throw new OvaProblem("ovaNotOvf", { detail: `the document is <${root?.tagName ?? ""}>` });
  try {
    return readEnvelope(root);
  } catch (err) {
    if (err instanceof z.ZodError)
      throw new OvaProblem("ovaNotOvf", { detail: err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
    throw err;
  }
}

function readEnvelope(root: Element): OvfGuest {
  const files = new Map(
    kids(kid(root, "References") ?? root, "File").map((f) => {
      const file = fileSchema.parse({ id: attr(f, "id"), href: attr(f, "href") });
      return [file.id, file.href] as const;
    }),
  );
  const diskSection = kid(root, "DiskSection");
  const disks = new Map(
    (diskSection ? kids(diskSection, "Disk") : []).map((d) => {
      const disk = diskSchema.parse({
        diskId: attr(d, "diskId"),
        fileRef: attr(d, "fileRef"),
        capacity: attr(d, "capacity"),
        units: attr(d, "capacityAllocationUnits"),
        format: attr(d, "format"),
      });
      return [disk.diskId, disk] as const;
    }),
  );
  if (kid(root, "VirtualSystemCollection")) throw new OvaProblem("ovaSeveralSystems");
  const system = kid(root, "VirtualSystem");
  if (!system) throw new OvaProblem("ovaNotOvf", { detail: "no VirtualSystem" });
  const hardware = kid(system, "VirtualHardwareSection");
  if (!hardware) throw new OvaProblem("ovaNotOvf", { detail: "no VirtualHardwareSection" });

  const items = kids(hardware, "Item").map(readItem);
  const unmapped: Unmapped[] = [];
  let vcpus = 1;
  let memoryMiB = 1024;
  const guestDisks: OvfDisk[] = [];
  const nics: OvfGuest["nics"] = [];
  for (const item of items) {
    switch (item.resourceType) {
      case "3":
        vcpus = Math.max(1, Number(item.quantity ?? 1));
        break;
      case "4":
        // The OVF default for memory is MB (VirtualBox writes "MegaBytes", VMware "byte * 2^20").
        memoryMiB = Math.max(1, Math.round((Number(item.quantity ?? 0) * unitBytes(item.units, 2 ** 20)) / 2 ** 20));
        break;
      case "17": {
        // VMware writes "ovf:/disk/<id>", VirtualBox "/disk/<id>".
        const id = /^(?:ovf:)?\/(?:disk|file)\/(.+)$/.exec(item.hostResource ?? "")?.[1];
        const disk = id ? disks.get(id) : undefined;
        const file = disk?.fileRef ? files.get(disk.fileRef) : id ? files.get(id) : undefined;
        if (!file) {
          unmapped.push({ kind: "emptyDisk", detail: item.elementName ?? item.hostResource ?? "" });
          break;
        }
        guestDisks.push({
          file,
          capacityBytes: disk ? Number(disk.capacity) * unitBytes(disk.units, 1) : null,
          format: formatOf(disk?.format),
        });
        break;
      }
      case "10":
        nics.push({ model: /^e1000/i.test(item.subType ?? "") ? "e1000e" : "virtio" });
        break;
      default: {
        const other = unmappedItem(item);
        if (other) unmapped.push(other);
      }
    }
  }
  const settings = vmwareSettings(hardware);
  const os = osOf(kid(system, "OperatingSystemSection"));
  const systemType = content(kid(kid(hardware, "System") ?? hardware, "VirtualSystemType")) ?? "";
  return {
    name: content(kid(system, "Name")) ?? attr(system, "id") ?? "appliance",
    vcpus,
    memoryMiB,
    firmware: settings.firmware ?? virtualBoxFirmware(system) ?? (/efi/i.test(systemType) ? "uefi" : null),
    os: os.os,
    disks: guestDisks,
    nics,
    unmapped: [...unmapped, ...settings.unmapped, ...os.unmapped],
  };
}

/** The manifest (.mf): "SHA256(file)= hex" lines; SHA1 and SHA512 as older and newer tools write them. */
export function readManifest(text: string): { file: string; algorithm: "sha1" | "sha256" | "sha512"; digest: string }[] {
  const found: { file: string; algorithm: "sha1" | "sha256" | "sha512"; digest: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^(SHA1|SHA256|SHA512)\s*\((.+)\)\s*=\s*([0-9a-fA-F]+)\s*$/.exec(line.trim());
    if (!m) throw new OvaProblem("ovaBadManifest", { line: line.slice(0, 200) });
    found.push({ algorithm: m[1].toLowerCase() as "sha1" | "sha256" | "sha512", file: m[2], digest: m[3].toLowerCase() });
  }
  return found;
}
