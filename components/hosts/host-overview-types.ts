// GET /api/hosts/[hostId]/overview, as the browser reads it.
import type { GuestState, HostSummary } from "@/lib/guests/types";

export type HostOverview = {
  host: HostSummary;
  hostname: string;
  libvirtVersion: string;
  hypervisor: { type: string; version: string };
  cpu: { model: string; sockets: number; dies: number; cores: number; threads: number; mhz: number; count: number };
  numaCells: { id: number; memoryKiB: number; cpus: number[] | number | string }[];
  memory: { totalKiB: number; freeKiB: number };
  virtualization: "kvm" | "emulation";
  cpuPercent: number | null;
  guestCounts: Partial<Record<GuestState, number>>;
  pools: { name: string; active: boolean; autostart: boolean; capacity: number; allocation: number }[];
  networks: { name: string; active: boolean; autostart: boolean; bridge: string | null }[];
};

/** NUMA cell CPUs may come as a list of ids, a count or libvirt's range text ("0-3,8"). */
export function describeCpus(cpus: HostOverview["numaCells"][number]["cpus"]): string {
  if (Array.isArray(cpus)) return compressRanges(cpus);
  return String(cpus);
}

/** [0,1,2,3,8] → "0-3, 8" */
export function compressRanges(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ") || "—";
}
