// Where a guest goes inside a cluster (issue 30): a pure choice, so the wizard, maintenance mode and the
// tests judge the same rule.
import type { PlacementPolicy } from "@/lib/validations/host-clusters";

/** One member as placement sees it. */
export type PlacementCandidate = {
  id: string;
  name: string;
  connected: boolean;
  inMaintenance: boolean;
  /** Has the cluster's required networks and pools. */
  fit: boolean;
  freeMemoryMiB: number;
  cpus: number;
  /** vCPUs of the guests running there now. */
  vcpusPlaced: number;
  /** Tags carried by the guests on it. */
  guestTags: readonly string[];
};

export type PlacementRules = {
  policy: PlacementPolicy;
  vcpuOvercommit: number;
  antiAffinityTags: readonly string[];
  affinityTags: readonly string[];
};

export type PlacementGuest = { memoryMiB: number; vcpus: number; tags: readonly string[] };

/** Why a member cannot take the guest, as facts: messages "placementWords" word them (placement-words.ts). */
export type PlacementRefusal =
  | { key: "notConnected" | "inMaintenance" | "notFit" }
  | { key: "memory"; free: number; needs: number }
  | { key: "vcpus"; ratio: number; cpus: number }
  | { key: "keptApart"; tags: string };
export type Refused = { name: string; why: PlacementRefusal };

/**
 * Why placement chose a member or none, as facts: the chosen member's load and how many could take the guest
 * (`tags`: the affinity tags it was placed next to, "" for none); the refusals when none could; a host in no
 * cluster (suggestPlacement).
 */
export type PlacementReason =
  | { key: "chosen"; policy: PlacementPolicy; placed: number; cpus: number; free: number; able: number; members: number; tags: string }
  | { key: "noneAble"; refused: Refused[] }
  | { key: "noMembers" }
  | { key: "noCluster" }
  // Maintenance's own: a guest not moved because the job was cancelled, or whose migration ended so.
  | { key: "maintenanceCancelled" }
  // High availability's own: a guest not restarted because the job was cancelled.
  | { key: "haCancelled" }
  | { key: "migrationEnded"; status: string };

export type PlacementResult =
  | { ok: true; host: PlacementCandidate; reason: PlacementReason; refused: Refused[] }
  | { ok: false; reason: PlacementReason; refused: Refused[] };

/** Why a member cannot take the guest, or null when it can. */
function refusal(c: PlacementCandidate, rules: PlacementRules, guest: PlacementGuest): PlacementRefusal | null {
  if (!c.connected) return { key: "notConnected" };
  if (c.inMaintenance) return { key: "inMaintenance" };
  if (!c.fit) return { key: "notFit" };
  if (c.freeMemoryMiB < guest.memoryMiB) return { key: "memory", free: c.freeMemoryMiB, needs: guest.memoryMiB };
  const room = Math.floor(c.cpus * rules.vcpuOvercommit) - c.vcpusPlaced;
  if (room < guest.vcpus) return { key: "vcpus", ratio: rules.vcpuOvercommit, cpus: c.cpus };
  const apart = guest.tags.filter((t) => rules.antiAffinityTags.includes(t) && c.guestTags.includes(t));
  if (apart.length) return { key: "keptApart", tags: apart.join(", ") };
  return null;
}

/**
 * Chooses a member for the guest among those connected, out of maintenance, fit, with the memory free and
 * vCPUs within the overcommit ratio, and holding no guest that shares an anti-affinity tag with it. Members
 * holding a guest that shares an affinity tag come first when any can take it. "spread" picks the least loaded
 * member (fewest vCPUs placed per CPU, then the most free memory), "pack" the most loaded one the guest still
 * fits on (then the least free memory); ties go to the name. Says why, as facts, either way.
 */
export function placeGuest(candidates: readonly PlacementCandidate[], rules: PlacementRules, guest: PlacementGuest): PlacementResult {
  const refused: Refused[] = [];
  const able: PlacementCandidate[] = [];
  for (const c of candidates) {
    const why = refusal(c, rules, guest);
    if (why) refused.push({ name: c.name, why });
    else able.push(c);
  }
  if (able.length === 0) return { ok: false, reason: refused.length ? { key: "noneAble", refused } : { key: "noMembers" }, refused };
  const together = guest.tags.filter((t) => rules.affinityTags.includes(t));
  const near = together.length ? able.filter((c) => c.guestTags.some((t) => together.includes(t))) : [];
  const pool = near.length ? near : able;
  // spread: the least loaded (vCPUs placed per CPU), then the most free memory; pack: the other way round.
  const sign = rules.policy === "spread" ? 1 : -1;
  const load = (c: PlacementCandidate) => c.vcpusPlaced / Math.max(1, c.cpus);
  const [host] = [...pool].sort(
    (a, b) => sign * (load(a) - load(b)) || sign * (b.freeMemoryMiB - a.freeMemoryMiB) || a.name.localeCompare(b.name),
  );
  const reason: PlacementReason = {
    key: "chosen",
    policy: rules.policy,
    placed: host.vcpusPlaced,
    cpus: host.cpus,
    free: host.freeMemoryMiB,
    able: pool.length,
    members: candidates.length,
    tags: near.length ? together.join(", ") : "",
  };
  return { ok: true, host, reason, refused };
}
