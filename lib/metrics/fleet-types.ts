// Shared by server and browser: what the fleet dashboard shows.
import type { BackupProblem } from "@/lib/guest-backups/types";
import type { GuestState, HostSummary } from "@/lib/guests/types";

export const guestEventKinds = ["guest.crashed", "guest.started", "guest.stopped", "guest.paused", "guest.resumed"] as const;
export type GuestEventKind = (typeof guestEventKinds)[number];

/** `hostName`: the host's name when it happened, for events of hosts removed since. */
export type FleetEvent =
  | {
      at: number;
      kind: GuestEventKind;
      hostId: string;
      hostName?: string;
      uuid: string;
      name: string;
      /** guest.paused: what paused it ("a disk error") */
      message?: string;
    }
  | { at: number; kind: "host.disconnected" | "host.connected"; hostId: string; hostName?: string; message?: string };

export type FleetHost = HostSummary & {
  cpus: number | null;
  memoryKiB: number | null;
  /** Newest sample: % of all host CPUs busy, memory in use. */
  cpuPercent: number | null;
  memUsedKiB: number | null;
  /** What running guests were given: vCPUs and memory, against the host's own. */
  allocatedVcpus: number;
  allocatedMemoryKiB: number;
  guests: number;
};

export type TopGuest = { hostId: string; uuid: string; name: string; value: number };

export type FleetPool = { hostId: string; name: string; capacityBytes: number; allocationBytes: number };

export type FleetResponse = {
  hosts: FleetHost[];
  guestsByState: Partial<Record<GuestState, number>>;
  top: { cpu: TopGuest[]; memory: TopGuest[]; disk: TopGuest[]; network: TopGuest[] };
  /** Pools at 80 % or more, fullest first. */
  poolsNearlyFull: FleetPool[];
  events: FleetEvent[];
  /** Failed or missed backups (lib/server/guest-backups/backup-problems.ts), newest first. */
  backupProblems: BackupProblem[];
};
