// What the cluster pages and the wizard read about host clusters (issue 30).
import type { HostHaState } from "@/lib/high-availability/types";
import type { PlacementPolicy } from "@/lib/validations/host-clusters";
import type { BalanceFacts } from "./balancing";
import type { BaselineProblem, MemberProblem } from "./fitness";
import type { PlacementReason } from "./placement";

export type BaselineCpuView = {
  model: string | null;
  vendor: string | null;
  /** "name" for required features, "-name" for disabled ones. */
  features: string[];
  xml: string;
};

export type ClusterMemberView = {
  id: string;
  name: string;
  connected: boolean;
  /** When the host entered maintenance (ms), or null. */
  maintenanceSince: number | null;
  /** Lost and being decided on, waiting for an admin's confirmation, or down (highly available guests); null if well. */
  haState: HostHaState | null;
  /** Has every required network and pool (only known while connected). */
  fit: boolean;
  /** Why not, as keys with names (a missing network), or why it could not be asked (libvirt's words). */
  problems: MemberProblem[];
};

export type ClusterSummary = {
  id: string;
  name: string;
  description: string;
  policy: PlacementPolicy;
  memberCount: number;
  baselineModel: string | null;
};

export type ClusterView = Omit<ClusterSummary, "memberCount" | "baselineModel"> & {
  requiredNetworks: string[];
  requiredPools: string[];
  antiAffinityTags: string[];
  affinityTags: string[];
  vcpuOvercommit: number;
  maintenanceParallel: number;
  migrationsPerHost: number;
  migrationBandwidthMiBs: number;
  migrationAutoConverge: boolean;
  migrationStallSeconds: number;
  balanceCpuPercent: number;
  balanceMinutes: number;
  balanceAutomatic: boolean;
  /** Open balancing proposals first, then the latest decided ones. */
  proposals: BalanceProposalView[];
  baseline: BaselineCpuView | null;
  baselineComputedAt: number | null;
  /** Why the baseline is missing or partial; text for rows stored before problems had keys. */
  baselineError: BaselineProblem | string | null;
  members: ClusterMemberView[];
};

export const proposalStatuses = ["proposed", "made", "dismissed", "superseded", "failed"] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

/** A move balancing proposed or made, with the figures behind it (worded by the page). */
export type BalanceProposalView = {
  id: string;
  guestName: string;
  sourceHost: string;
  destinationHost: string;
  facts: BalanceFacts;
  status: ProposalStatus;
  createdAt: number;
  jobId: string | null;
};

/** The cluster a host belongs to, as the host page and the guest editors need it. */
export type HostClusterInfo = { id: string; name: string; baselineModel: string | null };

export type PlacementSuggestion = { hostId: string; hostName: string; reason: PlacementReason } | { hostId: null; reason: PlacementReason };

/** A maintenance job's detail while it runs and its result once done. */
export type MaintenanceReport = {
  host: string;
  moved: { name: string; to: string }[];
  /**
   * Guests it could not move, with why: they keep running on the host in maintenance. Placement's reason as
   * facts (worded by the page), or the migration's own failure as text.
   */
  unmovable: { name: string; why: string | PlacementReason }[];
  /** Migrations under way now. */
  moving: string[];
};

export type HostMaintenanceState = { cluster: HostClusterInfo | null; maintenanceSince: number | null };
