// Shared by server and browser: what GET /api/hosts/[id]/overview returns.
import type { GuestState, HostSummary } from "@/lib/guests/types";

export type HostOverview = {
  host: HostSummary;
  hostname: string;
  libvirtVersion: string;
  hypervisor: { type: string; version: string };
  cpu: { model: string; sockets: number; dies: number; cores: number; threads: number; mhz: number; count: number };
  numaCells: { id: number; memoryKiB: number; cpus: number[] }[];
  memory: { totalKiB: number; freeKiB: number | null };
  virtualization: "kvm" | "emulation";
  /** Busy share of all host CPUs since the previous overview call; null on the first. */
  cpuPercent: number | null;
  guestCounts: Partial<Record<GuestState, number>>;
  pools: { name: string; active: boolean; autostart: boolean; capacity: number; allocation: number }[];
  networks: { name: string; active: boolean; autostart: boolean; bridge: string | null }[];
};

/** libvirt packs versions as major * 1,000,000 + minor * 1,000 + release. */
export function formatLibvirtVersion(packed: number | bigint): string {
  const n = Number(packed);
  return `${Math.floor(n / 1_000_000)}.${Math.floor(n / 1000) % 1000}.${n % 1000}`;
}
