// A complete new-guest definition from (OS defaults, host capabilities, the operator's choices),
// with the defaults virt-install would pick. Pure: the caller fetches capabilities and defines the XML.
import { Channel, Console, Controller, Disk, Graphics, Input, Interface, Memballoon, Rng, Serial, Tpm, Video } from "../index";
import { Domain } from "../domain/domain";
import type { Capabilities } from "../host/capabilities";
import type { DomainCapabilities } from "../host/domain-capabilities";

/** What the OS needs and supports (lib/osinfo's guest profile has this shape). */
export type OsDefaults = {
  memoryMiB: number;
  vcpus: number;
  virtioDisk: boolean;
  virtioNet: boolean;
  q35: boolean;
  uefi: "required" | "supported" | "unsupported";
  tpmRequired: boolean;
  video: "virtio" | "qxl" | "vga";
  /** "winnt" gets a local-time clock and Hyper-V enlightenments. */
  family?: string;
};

export type GuestChoices = {
  name: string;
  arch?: string;
  memoryMiB?: number;
  vcpus?: number;
  /** Disks in boot order; `path` of a file or block device, or a pool volume. */
  disks: ({ path: string; format?: "qcow2" | "raw" } | { pool: string; volume: string; format?: "qcow2" | "raw" })[];
  /** Installer ISO attached as a CD-ROM and booted first. */
  cdrom?: string;
  /** Direct kernel boot (network installs). */
  kernel?: { kernel: string; initrd: string; cmdline?: string };
  /** PXE: boot from the network first. */
  pxe?: boolean;
  network?:
    | { type: "network"; name: string }
    | { type: "bridge"; bridge: string }
    | { type: "direct"; dev: string; mode: "bridge" | "vepa" | "private" | "passthrough" }
    | { type: "none" };
  /** The NIC model; virtio where the OS has the driver, else e1000e (q35) or e1000, by default. */
  nicModel?: string;
  graphics?: "vnc" | "spice" | "none";
  /** Prefer UEFI even where BIOS works. */
  uefi?: boolean;
  /** KVM when the host has it, unless emulation (qemu/TCG) is asked for. */
  virtType?: "kvm" | "qemu";
  /** A machine type the host offers for the architecture; q35 where the OS supports it, else pc, by default. */
  machine?: string;
  /** The OS's libosinfo id, recorded in the metadata as virt-install does, so any tool can tell the guest's OS. */
  osId?: string;
};

/** What the host cannot give the guest, as a key of messages "apiErrors" with its names (the server says it). */
export class GuestBuildError extends Error {
  override name = "GuestBuildError";
  constructor(
    readonly key: "noKvm" | "hostCannotRun" | "noMachineType" | "needsTpmHost" | "needsUefiHost",
    readonly values: Record<string, string> = {},
  ) {
    super(`${key} ${JSON.stringify(values)}`);
  }
}

const WINDOWS = "winnt";

/** The namespace virt-install and virt-manager record the guest's OS under. */
export const LIBOSINFO_NS = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

/**
 * libvirt adds only as many PCIe ports to a q35 guest as its devices use, so nothing can be hot-plugged
 * later; like virt-install, a new guest gets 14, and libvirt puts its devices into the first ones.
 */
export const PCIE_ROOT_PORTS = 14;

/**
 * Builds the domain. Defaults: KVM when the host has it; q35 where the OS and QEMU support it; virtio
 * disk and network where the OS has drivers (SATA and e1000e otherwise); UEFI (with secure boot and
 * SMM when the OS requires UEFI) and an emulated TPM 2.0 where the OS requires them; a qemu-guest-agent
 * channel; graphics on 127.0.0.1 with autoport; a video model that fits the OS and the display; USB
 * tablet; memory balloon; virtio RNG; serial console.
 */
export function buildGuest(os: OsDefaults, caps: Capabilities, domcaps: DomainCapabilities, choices: GuestChoices): Domain {
  const arch = choices.arch ?? "x86_64";
  const kvmGuests = choices.virtType === "qemu" ? [] : caps.guestsFor(arch, "kvm");
  if (choices.virtType === "kvm" && kvmGuests.length === 0) throw new GuestBuildError("noKvm");
  const guest = kvmGuests[0] ?? caps.guestsFor(arch)[0];
  if (!guest) throw new GuestBuildError("hostCannotRun", { arch });
  const virtType = kvmGuests.length ? "kvm" : "qemu";
  if (choices.machine && !guest.machines.includes(choices.machine))
    throw new GuestBuildError("noMachineType", { arch, machine: choices.machine });
  // The q35 family (PCIe, SATA, xHCI) or the i440fx one (PCI, IDE), as the chosen machine type says.
  const q35 = choices.machine ? choices.machine.includes("q35") : os.q35 && guest.machines.includes("q35");
  const windows = os.family === WINDOWS;

  const dom = Domain.create({ type: virtType, name: choices.name, vcpus: choices.vcpus ?? os.vcpus });
  if (choices.osId)
    dom.metadataXml = `<libosinfo:libosinfo xmlns:libosinfo="${LIBOSINFO_NS}"><libosinfo:os id="${escapeAttr(choices.osId)}"/></libosinfo:libosinfo>`;
  dom.setMemoryMiB(choices.memoryMiB ?? os.memoryMiB);
  dom.os.type = "hvm";
  dom.os.arch = arch;
  dom.os.machine = choices.machine ?? (q35 ? "q35" : "pc");
  applyFirmware(dom, os, domcaps, choices);
  dom.features.acpi = true;
  dom.features.apic = true;
  if (windows) {
    dom.features.hypervRelaxed = true;
    dom.features.hypervVapic = true;
    dom.features.hypervSpinlocks = true;
    dom.features.hypervSpinlockRetries = 8191;
  }
  if (virtType === "kvm") dom.cpu.mode = "host-passthrough";
  dom.clock.offset = windows ? "localtime" : "utc";
  dom.onPoweroff = "destroy";
  dom.onReboot = "restart";
  dom.onCrash = "destroy";
  dom.devices.emulator = guest.emulator;

  addStorage(dom, os, q35, choices);
  addNetwork(dom, os, q35, choices);
  if (q35) {
    dom.devices.add(new Controller({ type: "usb", index: 0, model: "qemu-xhci", ports: 15 }));
    for (let index = 1; index <= PCIE_ROOT_PORTS; index++) dom.devices.add(new Controller({ type: "pci", index, model: "pcie-root-port" }));
  }
  dom.devices.add(Channel.guestAgent());
  addDisplay(dom, os, domcaps, choices.graphics ?? "vnc");
  dom.devices.add(new Serial({ type: "pty", targetPort: 0 }));
  dom.devices.add(new Console({ type: "pty", targetType: "serial", targetPort: 0 }));
  if (os.tpmRequired) {
    if (!domcaps.tpmBackendModels.includes("emulator")) throw new GuestBuildError("needsTpmHost");
    dom.devices.add(new Tpm({ model: q35 ? "tpm-crb" : "tpm-tis", backendType: "emulator", backendVersion: "2.0" }));
  }
  dom.devices.add(new Memballoon({ model: "virtio" }));
  dom.devices.add(new Rng({ model: "virtio", backendModel: "random", backendPath: "/dev/urandom" }));
  return dom;
}

const escapeAttr = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function applyFirmware(dom: Domain, os: OsDefaults, domcaps: DomainCapabilities, choices: GuestChoices): void {
  const wantUefi = os.uefi === "required" || (os.uefi === "supported" && choices.uefi === true);
  if (!wantUefi) return;
  if (!domcaps.firmwares.includes("efi")) throw new GuestBuildError("needsUefiHost");
  // Secure boot where the OS insists on UEFI (Windows 11): it is what its installer checks for.
  const secure = os.uefi === "required" && domcaps.loaderSecure.includes("yes");
  dom.os.useUefi(secure);
  if (secure) dom.features.smm = true;
}

function addStorage(dom: Domain, os: OsDefaults, q35: boolean, choices: GuestChoices): void {
  const bus = os.virtioDisk ? "virtio" : q35 ? "sata" : "ide";
  const prefix = bus === "virtio" ? "vd" : "sd";
  const cdromBus = q35 ? "sata" : "ide";
  let nextBoot = 1;
  if (choices.pxe) nextBoot++; // the NIC gets order 1
  if (choices.cdrom) {
    dom.devices.add(
      new Disk({
        type: "file",
        device: "cdrom",
        driverName: "qemu",
        driverType: "raw",
        sourceFile: choices.cdrom,
        targetDev: "sda",
        targetBus: cdromBus,
        readonly: true,
        bootOrder: nextBoot++,
      }),
    );
  }
  choices.disks.forEach((d, i) => {
    const letter = String.fromCharCode("a".charCodeAt(0) + i + (prefix === "sd" && choices.cdrom ? 1 : 0));
    const source =
      "path" in d
        ? d.path.startsWith("/dev/")
          ? { type: "block" as const, sourceDev: d.path }
          : { type: "file" as const, sourceFile: d.path }
        : { type: "volume" as const, sourcePool: d.pool, sourceVolume: d.volume };
    dom.devices.add(
      new Disk({
        ...source,
        device: "disk",
        driverName: "qemu",
        driverType: d.format ?? "qcow2",
        driverDiscard: "unmap",
        targetDev: `${prefix}${letter}`,
        targetBus: bus,
        bootOrder: choices.kernel ? undefined : nextBoot++,
      }),
    );
  });
  if (choices.kernel) {
    dom.os.kernel = choices.kernel.kernel;
    dom.os.initrd = choices.kernel.initrd;
    if (choices.kernel.cmdline) dom.os.cmdline = choices.kernel.cmdline;
  }
}

function addNetwork(dom: Domain, os: OsDefaults, q35: boolean, choices: GuestChoices): void {
  const network = choices.network ?? { type: "network", name: "default" };
  if (network.type === "none") return;
  const model = choices.nicModel ?? (os.virtioNet ? "virtio" : q35 ? "e1000e" : "e1000");
  const nic =
    network.type === "network"
      ? new Interface({ type: "network", sourceNetwork: network.name, model })
      : network.type === "bridge"
        ? new Interface({ type: "bridge", sourceBridge: network.bridge, model })
        : new Interface({ type: "direct", sourceDev: network.dev, sourceMode: network.mode, model });
  if (choices.pxe) nic.bootOrder = 1;
  dom.devices.add(nic);
}

function addDisplay(dom: Domain, os: OsDefaults, domcaps: DomainCapabilities, graphics: "vnc" | "spice" | "none"): void {
  if (graphics === "none") return;
  dom.devices.add(new Input({ type: "tablet", bus: "usb" }));
  dom.devices.add(new Graphics({ type: graphics, autoport: true })).listenOn("127.0.0.1");
  if (graphics === "spice") dom.devices.add(Channel.spiceAgent());
  // virtio-gpu where the OS has the driver; QXL where the OS has it or SPICE is chosen; VGA works everywhere.
  const wanted = os.video === "virtio" ? "virtio" : os.video === "qxl" || graphics === "spice" ? "qxl" : "vga";
  const model = domcaps.videoModels.includes(wanted) ? wanted : "vga";
  dom.devices.add(new Video({ model }));
}
