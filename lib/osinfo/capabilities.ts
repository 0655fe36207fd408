import type { OsEntry, OsinfoArch } from "./types";

/** osinfo device ids the guest builder cares about (PCI vendor 1af4 = virtio, 1b36 = Red Hat/QEMU). */
export const DEVICE_IDS = {
  virtioBlockLegacy: "http://pcisig.com/pci/1af4/1001",
  virtioBlockModern: "http://pcisig.com/pci/1af4/1042",
  virtioNetLegacy: "http://pcisig.com/pci/1af4/1000",
  virtioNetModern: "http://pcisig.com/pci/1af4/1041",
  virtioGpu: "http://pcisig.com/pci/1af4/1050",
  virtioRngLegacy: "http://pcisig.com/pci/1af4/1005",
  virtioRngModern: "http://pcisig.com/pci/1af4/1044",
  qxl: "http://pcisig.com/pci/1b36/0100",
  q35Chipset: "http://qemu.org/chipset/x86/q35",
  usbTablet: "http://usb.org/usb/80ee/0021",
} as const;

/** Modern (virtio 1.0) PCI device ids are 1af4:1040–107f. */
const MODERN_VIRTIO = /^http:\/\/pcisig\.com\/pci\/1af4\/10[4-7][0-9a-f]$/;

export type VideoModelHint = "virtio" | "qxl" | "vga";

/** Everything a guest builder needs to know about an OS on one architecture. */
export interface OsCapabilities {
  virtioDisk: boolean;
  virtioNet: boolean;
  virtioRng: boolean;
  /** Modern virtio 1.0 devices, which PCIe slots (q35) require. */
  virtio1: boolean;
  /** q35 rather than i440fx; see `supportsQ35` for the rule. */
  q35: boolean;
  uefiSupported: boolean;
  /** BIOS is declared unsupported on this arch while EFI is supported (Windows 11). */
  uefiRequired: boolean;
  /** See `requiresTpm` for the rule. */
  tpmRequired: boolean;
  usbTablet: boolean;
  videoModel: VideoModelHint;
  deviceIds: string[];
}

export function hasDevice(os: OsEntry, ...deviceIds: string[]): boolean {
  return os.devices.some((device) => deviceIds.includes(device.id));
}

/**
 * q35 rule (like virt-install's osinfo check, widened): the OS lists osinfo's q35 chipset
 * device, or it lists any virtio 1.0 device. An OS with modern virtio drivers is recent
 * enough to enumerate PCIe, and osinfo-db only adds the chipset device to a few
 * releases per distro (debian9, rhel8.0 …) which their descendants inherit.
 */
export function supportsQ35(os: OsEntry): boolean {
  return hasDevice(os, DEVICE_IDS.q35Chipset) || os.devices.some((device) => MODERN_VIRTIO.test(device.id));
}

function firmwareRule(os: OsEntry, arch: OsinfoArch, type: string) {
  return (
    os.firmware.find((rule) => rule.type === type && rule.arch === arch) ??
    os.firmware.find((rule) => rule.type === type && rule.arch === "all")
  );
}

export function supportsUefi(os: OsEntry, arch: OsinfoArch): boolean {
  return firmwareRule(os, arch, "efi")?.supported === true;
}

export function requiresUefi(os: OsEntry, arch: OsinfoArch): boolean {
  return supportsUefi(os, arch) && firmwareRule(os, arch, "bios")?.supported === false;
}

/**
 * TPM rule. osinfo-db (as packaged in Debian 12, 20221130) has no TPM data at all: win11
 * only says `<firmware type="bios" supported="false"/>` and 4 GiB / 2 CPUs / 64 GiB minimum.
 * So: an OS needs a TPM when it links a device of class "tpm" (future osinfo-db releases),
 * or when it is a Windows client release of version 11 or later (Microsoft's own requirement;
 * the server releases share version 10.0 and do not require one).
 */
export function requiresTpm(os: OsEntry): boolean {
  if (os.devices.some((device) => device.deviceClass === "tpm")) return true;
  const major = Number.parseInt(os.version, 10);
  return os.distro === "win" && Number.isFinite(major) && major >= 11;
}

/**
 * Video rule: virtio-gpu when the OS links it, or when it is Linux with virtio 1.0 drivers
 * (virtio-gpu is in every kernel since 4.4, but osinfo links it only for some distros:
 * ubuntu22.04 and centos-stream9 lack it); else QXL when the OS has a driver (Windows);
 * else plain VGA. osinfo-db 20221130 has no bochs-display device, so "bochs" is never hinted.
 */
export function videoModelHint(os: OsEntry): VideoModelHint {
  if (hasDevice(os, DEVICE_IDS.virtioGpu)) return "virtio";
  if (os.family === "linux" && os.devices.some((device) => MODERN_VIRTIO.test(device.id))) return "virtio";
  if (hasDevice(os, DEVICE_IDS.qxl)) return "qxl";
  return "vga";
}

export function capabilitiesFor(os: OsEntry, arch: OsinfoArch = "x86_64"): OsCapabilities {
  const virtio1 = os.devices.some((device) => MODERN_VIRTIO.test(device.id));
  return {
    virtioDisk: hasDevice(os, DEVICE_IDS.virtioBlockLegacy, DEVICE_IDS.virtioBlockModern),
    virtioNet: hasDevice(os, DEVICE_IDS.virtioNetLegacy, DEVICE_IDS.virtioNetModern),
    virtioRng: hasDevice(os, DEVICE_IDS.virtioRngLegacy, DEVICE_IDS.virtioRngModern),
    virtio1,
    q35: supportsQ35(os),
    uefiSupported: supportsUefi(os, arch),
    uefiRequired: requiresUefi(os, arch),
    tpmRequired: requiresTpm(os),
    usbTablet: hasDevice(os, DEVICE_IDS.usbTablet),
    videoModel: videoModelHint(os),
    deviceIds: os.devices.map((device) => device.id),
  };
}
