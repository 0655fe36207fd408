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

export type PlacementResult =
  | { ok: true; host: PlacementCandidate; reason: string; refused: { name: string; why: string }[] }
  | { ok: false; reason: string; refused: { name: string; why: string }[] };

/** Why a member cannot take the guest, or null when it can. */
function refusal(c: PlacementCandidate, rules: PlacementRules, guest: PlacementGuest): string | null {
  if (!c.connected) return "not connected";
  if (c.inMaintenance) return "in maintenance";
  if (!c.fit) return "not fit (lacks a required network or pool)";
  if (c.freeMemoryMiB < guest.memoryMiB) return `only ${c.freeMemoryMiB} MiB free, the guest needs ${guest.memoryMiB} MiB`;
  const room = Math.floor(c.cpus * rules.vcpuOvercommit) - c.vcpusPlaced;
  if (room < guest.vcpus) return `vCPUs would exceed ${rules.vcpuOvercommit}× its ${c.cpus} CPUs`;
  const apart = guest.tags.filter((t) => rules.antiAffinityTags.includes(t) && c.guestTags.includes(t));
  if (apart.length) return `already runs a guest tagged ${apart.join(", ")} (kept apart)`;
  return null;
}

/**
 * Chooses a member for the guest among those connected, out of maintenance, fit, with the memory free and
 * vCPUs within the overcommit ratio, and holding no guest that shares an anti-affinity tag with it. Members
 * holding a guest that shares an affinity tag come first when any can take it. "spread" picks the least loaded
 * member (fewest vCPUs placed per CPU, then the most free memory), "pack" the most loaded one the guest still
 * fits on (then the least free memory); ties go to the name. Says why, in words, either way.
 */
export function placeGuest(candidates: readonly PlacementCandidate[], rules: PlacementRules, guest: PlacementGuest): PlacementResult {
  const refused: { name: string; why: string }[] = [];
  const able: PlacementCandidate[] = [];
  for (const c of candidates) {
    const why = refusal(c, rules, guest);
    if (why) refused.push({ name: c.name, why });
    else able.push(c);
  }
  if (able.length === 0) {
    const detail = refused.length ? refused.map((r) => `${r.name}: ${r.why}`).join("; ") : "the cluster has no members";
    return { ok: false, reason: `No member can take the guest (${detail}).`, refused };
  }
  const together = guest.tags.filter((t) => rules.affinityTags.includes(t));
  const near = together.length ? able.filter((c) => c.guestTags.some((t) => together.includes(t))) : [];
  const pool = near.length ? near : able;
  // spread: the least loaded (vCPUs placed per CPU), then the most free memory; pack: the other way round.
  const sign = rules.policy === "spread" ? 1 : -1;
  const load = (c: PlacementCandidate) => c.vcpusPlaced / Math.max(1, c.cpus);
  const [host] = [...pool].sort(
    (a, b) => sign * (load(a) - load(b)) || sign * (b.freeMemoryMiB - a.freeMemoryMiB) || a.name.localeCompare(b.name),
  );
  const figures = `${host.vcpusPlaced} vCPUs on ${host.cpus} CPUs, ${host.freeMemoryMiB} MiB free`;
  const why =
    rules.policy === "spread" ? `the least loaded member (${figures})` : `the fullest member the guest still fits on (${figures})`;
  const among = `${pool.length} of ${candidates.length} member${candidates.length === 1 ? "" : "s"} can take it`;
  const affinity = near.length ? `, next to guests tagged ${together.join(", ")}` : "";
  return { ok: true, host, reason: `${rules.policy === "spread" ? "Spread" : "Pack"}: ${why}${affinity}; ${among}.`, refused };
}
