import "server-only";
import type { Phrase } from "@/lib/guests/hardware/device-words";
import type { BootEntry, CpuView, GeneralView, MemoryView } from "@/lib/guests/hardware/types";
import { Channel, type Device, type Domain } from "@/lib/xml";
import { deviceKey, familyDevices } from "./device-match";

const LIBOSINFO_OS = /<libosinfo:os\s+id=["']([^"']+)["']/;

export function osIdOf(dom: Domain): string | null {
  return LIBOSINFO_OS.exec(dom.metadataXml ?? "")?.[1] ?? null;
}

function agentState(saved: Domain, live: Domain | null): GeneralView["agent"] {
  if (!saved.devices.channels.find((c) => c.targetName === Channel.guestAgentName)) return "none";
  if (!live) return "not-running";
  return live.devices.channels.find((c) => c.targetName === Channel.guestAgentName)?.targetState === "connected"
    ? "connected"
    : "disconnected";
}

export function generalView(dom: Domain, live: Domain | null, osName: string | null): GeneralView {
  return {
    name: dom.name ?? "",
    uuid: dom.uuid ?? "",
    title: dom.title ?? "",
    description: dom.description ?? "",
    hypervisor: dom.type ?? "",
    arch: dom.os.arch ?? "",
    machine: dom.os.machine ?? "",
    firmware: dom.os.firmware === "efi" || /OVMF|edk2|AAVMF/i.test(dom.os.loader ?? "") ? "efi" : "bios",
    secureBoot: dom.os.secureBoot === true || dom.os.loaderSecure === true,
    osName,
    osId: osIdOf(dom),
    agent: agentState(dom, live),
  };
}

export function cpuView(dom: Domain, hostCpus: number): CpuView {
  const maxVcpus = dom.vcpus ?? 1;
  const pins: Record<string, string> = {};
  for (const pin of dom.cputune.vcpuPins) if (pin.vcpu !== undefined && pin.cpuset) pins[String(pin.vcpu)] = pin.cpuset;
  return {
    vcpus: dom.currentVcpus ?? maxVcpus,
    maxVcpus,
    mode: dom.cpu.mode ?? (dom.cpu.model ? "custom" : "default"),
    model: dom.cpu.model ?? "",
    sockets: dom.cpu.sockets ?? null,
    cores: dom.cpu.cores ?? null,
    threads: dom.cpu.threads ?? null,
    pins,
    hostCpus,
  };
}

const MiB = (kib: number) => Math.round(kib / 1024);

export function memoryView(dom: Domain, hostMiB: number): MemoryView {
  const bootKiB = dom.bootMemoryKiB ?? 0;
  const balloon = dom.devices.memballoons.items.some((b) => b.model !== undefined && b.model !== "none");
  return {
    currentMiB: MiB(dom.currentMemoryKiB ?? bootKiB),
    maxMiB: MiB(bootKiB),
    hostMiB,
    balloon,
    hotplugMiB: dom.maxMemoryKiB === undefined ? null : MiB(dom.maxMemoryKiB),
    slots: dom.maxMemoryKiB === undefined ? null : (dom.maxMemorySlots ?? null),
    devicesMiB: MiB(dom.memoryDevicesKiB),
    numaCells: dom.cpu.numaCells.length,
  };
}

const BOOTABLE = ["disk", "interface", "hostdev", "redirdev"] as const;
type Bootable = Device & { bootOrder?: number };

/** What <os><boot dev=…/> names, as the first device of that kind (libvirt's own reading of it). */
function legacyBootOrder(dom: Domain): Map<string, number> {
  const orders = new Map<string, number>();
  const disks = familyDevices(dom, "disk") as (Device & { device?: string })[];
  const first = (pick: (i: number) => boolean, family: "disk" | "interface") => {
    const list = familyDevices(dom, family);
    const index = list.findIndex((_, i) => pick(i));
    return index >= 0 ? deviceKey(family, index) : null;
  };
  dom.os.bootDevices.forEach((dev, position) => {
    const key =
      dev === "hd"
        ? first((i) => (disks[i]?.device ?? "disk") === "disk", "disk")
        : dev === "cdrom"
          ? first((i) => disks[i]?.device === "cdrom", "disk")
          : dev === "fd"
            ? first((i) => disks[i]?.device === "floppy", "disk")
            : dev === "network"
              ? first(() => true, "interface")
              : null;
    if (key && !orders.has(key)) orders.set(key, position + 1);
  });
  return orders;
}

/** Bootable devices with their order; per-device <boot order> wins, <os><boot dev> is read as libvirt reads it. */
export function bootEntries(dom: Domain, describe: (family: string, device: Device) => Phrase[]): BootEntry[] {
  const legacy = legacyBootOrder(dom);
  const entries = BOOTABLE.flatMap((family) =>
    familyDevices(dom, family).map((device, index) => {
      const key = deviceKey(family, index);
      return { key, label: describe(family, device), order: (device as Bootable).bootOrder ?? legacy.get(key) ?? null };
    }),
  );
  return entries.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
}

export const bootableFamilies: readonly string[] = BOOTABLE;
