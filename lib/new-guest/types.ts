// Shared by server and browser: what the new-guest wizard is told about a host and an OS.
import type { HostClusterInfo } from "@/lib/host-clusters/types";
import type { ScriptChoice } from "@/lib/osinfo/unattended";

export type OsOption = { id: string; shortId: string; name: string; vendor: string; eol: boolean };

/** The OS's recommendations as the wizard prefills them (from osinfo-db, or its fallbacks). */
export type OsAdvice = {
  os: OsOption | null;
  memoryMiB: number;
  minimumMemoryMiB: number;
  vcpus: number;
  diskGiB: number;
  uefi: "required" | "supported" | "unsupported";
  tpmRequired: boolean;
  /** osinfo's install scripts the OS can install by itself with: for a network install (initrd) and from an ISO (extra CD-ROM). */
  unattended: { url: ScriptChoice[]; iso: ScriptChoice[] };
};

export type NewGuestContext = {
  /** The host's own architecture (the default). */
  arch: string;
  /** Architectures the host's QEMU runs, each with its machine types (q35 and pc first). */
  archs: { arch: string; machines: string[] }[];
  /** KVM when /dev/kvm works on the host; otherwise guests run emulated (TCG), much slower. */
  virtType: "kvm" | "qemu";
  hostMemoryMiB: number;
  hostFreeMemoryMiB: number;
  hostCpus: number;
  pools: { name: string; availableBytes: number; volumes: { name: string; capacityBytes: number; format: string | null }[] }[];
  networks: { name: string; active: boolean }[];
  /** Host interfaces a macvtap NIC can sit on (physical, bond, VLAN). */
  hostInterfaces: string[];
  guestNames: string[];
  /** The host's cluster (issue 30): placement suggestions and its baseline CPU. */
  cluster: HostClusterInfo | null;
};

export type DetectedOs = { os: OsOption | null; volumeLabel: string | null };

/** What "Finish" would define, shown on the last step. */
export type GuestPlan = { xml: string; firmware: "bios" | "uefi"; secureBoot: boolean; tpm: boolean; machine: string; advice: OsAdvice };
