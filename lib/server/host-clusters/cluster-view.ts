import "server-only";
import { isHostHaState } from "@/lib/high-availability/types";
import { readBaselineProblem } from "@/lib/host-clusters/fitness";
import type { BalanceProposalView, ClusterSummary, ClusterView } from "@/lib/host-clusters/types";
import {
  clusterDefaults,
  parseStoredNames,
  placementPolicies,
  type ClusterSettings,
  type PlacementPolicy,
} from "@/lib/validations/host-clusters";
import type { Db } from "../db";
import { baselineView } from "./baseline";
import type { MemberFacts } from "./member-facts";

export type ClusterRow = NonNullable<Awaited<ReturnType<Db["hostCluster"]["findUnique"]>>>;

const policyOf = (stored: string): PlacementPolicy =>
  (placementPolicies as readonly string[]).includes(stored) ? (stored as PlacementPolicy) : clusterDefaults.policy;

/** The row's settings as the form edits them. */
export function settingsOf(row: ClusterRow): ClusterSettings {
  return {
    name: row.name,
    description: row.description,
    policy: policyOf(row.policy),
    requiredNetworks: parseStoredNames(row.requiredNetworks),
    requiredPools: parseStoredNames(row.requiredPools),
    antiAffinityTags: parseStoredNames(row.antiAffinityTags),
    affinityTags: parseStoredNames(row.affinityTags),
    vcpuOvercommit: row.vcpuOvercommit,
    maintenanceParallel: row.maintenanceParallel,
    migrationsPerHost: row.migrationsPerHost,
    migrationBandwidthMiBs: row.migrationBandwidthMiBs,
    migrationAutoConverge: row.migrationAutoConverge,
    migrationStallSeconds: row.migrationStallSeconds,
    balanceCpuPercent: row.balanceCpuPercent,
    balanceMinutes: row.balanceMinutes,
    balanceAutomatic: row.balanceAutomatic,
  };
}

/** Settings as the row keeps them (lists as JSON); automatic balancing moves as the admin who saved it on. */
export function rowData(s: ClusterSettings, actorId: string) {
  return {
    ...s,
    balanceActorId: s.balanceAutomatic ? actorId : null,
    requiredNetworks: JSON.stringify(s.requiredNetworks),
    requiredPools: JSON.stringify(s.requiredPools),
    antiAffinityTags: JSON.stringify(s.antiAffinityTags),
    affinityTags: JSON.stringify(s.affinityTags),
  };
}

export function summaryOf(row: ClusterRow, memberCount: number): ClusterSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    policy: policyOf(row.policy),
    memberCount,
    baselineModel: baselineView(row.baselineCpuXml)?.model ?? null,
  };
}

export function viewOf(row: ClusterRow, members: MemberFacts[], proposals: BalanceProposalView[] = []): ClusterView {
  return {
    ...settingsOf(row),
    proposals,
    id: row.id,
    baseline: baselineView(row.baselineCpuXml),
    baselineComputedAt: row.baselineComputedAt?.getTime() ?? null,
    baselineError: readBaselineProblem(row.baselineError),
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      connected: m.error === null,
      maintenanceSince: m.maintenanceSince?.getTime() ?? null,
      haState: isHostHaState(m.haState) ? m.haState : null,
      fit: m.error === null && m.problems.length === 0,
      problems: m.error ? [m.error] : m.problems,
    })),
  };
}
