import { capabilitiesFor, type VideoModelHint } from "./capabilities";
import { resourcesFor } from "./resources";
import type { OsEntry, OsinfoArch } from "./types";

/**
 * What a guest builder needs from one OS on one architecture, in the units libvirt XML uses.
 * This is the contract for the new-guest wizard: every field has a value, even when osinfo-db
 * says nothing (then the FALLBACK below applies, as virt-install falls back to its own defaults).
 */
export interface GuestProfile {
  shortId: string;
  family: string;
  arch: OsinfoArch;
  /** osinfo's recommended RAM, never below its minimum. */
  memoryMiB: number;
  minimumMemoryMiB: number;
  vcpus: number;
  /** osinfo's recommended storage, never below its minimum, rounded up to whole GiB. */
  diskGiB: number;
  minimumDiskGiB: number;
  virtioDisk: boolean;
  virtioNet: boolean;
  /** PCIe machine type (q35) instead of i440fx; rule in capabilities.ts supportsQ35. */
  q35: boolean;
  uefi: "required" | "supported" | "unsupported";
  /** An emulated TPM 2.0 is needed for the installer to proceed (Windows 11). */
  tpmRequired: boolean;
  video: VideoModelHint;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Used when osinfo-db has no figure at all (old or generic entries such as "linux2022"). */
export const FALLBACK = { ramBytes: 1 * GIB, nCpus: 1, storageBytes: 20 * GIB } as const;

const atLeast = (preferred: number | undefined, minimum: number | undefined, fallback: number) =>
  Math.max(preferred ?? minimum ?? fallback, minimum ?? 0);

export function guestProfile(os: OsEntry, arch: OsinfoArch = "x86_64"): GuestProfile {
  const { minimum, recommended } = resourcesFor(os, arch);
  const caps = capabilitiesFor(os, arch);
  const uefi = caps.uefiRequired ? "required" : caps.uefiSupported ? "supported" : "unsupported";
  return {
    shortId: os.shortId,
    family: os.family,
    arch,
    memoryMiB: Math.ceil(atLeast(recommended.ramBytes, minimum.ramBytes, FALLBACK.ramBytes) / MIB),
    minimumMemoryMiB: Math.ceil((minimum.ramBytes ?? 0) / MIB),
    vcpus: atLeast(recommended.nCpus, minimum.nCpus, FALLBACK.nCpus),
    diskGiB: Math.ceil(atLeast(recommended.storageBytes, minimum.storageBytes, FALLBACK.storageBytes) / GIB),
    minimumDiskGiB: Math.ceil((minimum.storageBytes ?? 0) / GIB),
    virtioDisk: caps.virtioDisk,
    virtioNet: caps.virtioNet,
    q35: caps.q35,
    uefi,
    tpmRequired: caps.tpmRequired,
    video: caps.videoModel,
  };
}
