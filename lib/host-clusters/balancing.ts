// Balancing inside a cluster (issue 30): which running guest to move off a member that stays busy, and where.
// A pure choice over measured figures, so the periodic check, the cluster page and the unit tests judge one rule.
import { placeGuest, type PlacementCandidate, type PlacementRules } from "./placement";

/** One running guest as balancing sees it: its size, its tags and the share of its host's CPUs it used. */
export type BalanceGuest = {
  uuid: string;
  name: string;
  memoryMiB: number;
  vcpus: number;
  tags: readonly string[];
  /** Average % of its host's CPUs over the window (0 when not measured yet). */
  loadPercent: number;
};

/** A member with its running guests and its load: the lowest minute's sum of its guests' CPU over the window. */
export type BalanceMember = PlacementCandidate & {
  guests: readonly BalanceGuest[];
  /** null: not measured for the whole window, so never a source (a fresh or unreachable host proves nothing). */
  loadPercent: number | null;
};

export type BalanceRules = PlacementRules & { thresholdPercent: number };

/** What a proposal keeps, to be worded when read: the figures that led to it. */
export type BalanceFacts = {
  thresholdPercent: number;
  minutes: number;
  sourceLoadPercent: number;
  guestLoadPercent: number;
  /** Expected after the move, from the figures above (the CPUs of both hosts taken into account). */
  sourceAfterPercent: number;
  destinationAfterPercent: number;
};

export type BalanceMove = {
  guestUuid: string;
  guestName: string;
  sourceHostId: string;
  destinationHostId: string;
  facts: Omit<BalanceFacts, "minutes">;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A guest's load moved to a host with another number of CPUs: the same CPU time is a different share there. */
const loadOn = (guest: BalanceGuest, from: BalanceMember, to: BalanceMember) =>
  (guest.loadPercent * Math.max(1, from.cpus)) / Math.max(1, to.cpus);

/**
 * At most one move per busy member per round (the next round sees the result): for each member above the
 * threshold, busiest first, the smallest guest whose move brings it under the threshold (else its busiest guest),
 * to a member placement allows that stays under the threshold with it or is no busier than the source afterwards
 * (the least busy one, or under "pack" the busiest one), so two members never trade a guest back and forth.
 */
export function proposeMoves(members: readonly BalanceMember[], rules: BalanceRules): BalanceMove[] {
  const load = new Map(members.map((m) => [m.id, m.loadPercent]));
  const takes = new Map<string, number>();
  const moves: BalanceMove[] = [];
  const busy = members
    .filter((m) => m.loadPercent !== null && m.loadPercent > rules.thresholdPercent && m.guests.length > 0)
    .sort((a, b) => (b.loadPercent ?? 0) - (a.loadPercent ?? 0));
  for (const source of busy) {
    const sourceLoad = load.get(source.id) ?? 0;
    const enough = source.guests
      .filter((g) => sourceLoad - g.loadPercent <= rules.thresholdPercent && g.loadPercent > 0)
      .sort((a, b) => a.loadPercent - b.loadPercent);
    const busiest = [...source.guests].filter((g) => g.loadPercent > 0).sort((a, b) => b.loadPercent - a.loadPercent);
    for (const guest of [...enough, ...busiest]) {
      const after = (m: BalanceMember) => (load.get(m.id) ?? 0) + (takes.get(m.id) ?? 0) + loadOn(guest, source, m);
      // Members placement allows (connected, fit, memory, vCPUs, anti-affinity) that the move leaves less busy than
      // the source is now, and under the threshold or at most as busy as the source afterwards (so the move is never
      // worth undoing, and a lone busy guest is not passed around); "spread" takes the least busy, "pack" the busiest.
      const sourceAfter = sourceLoad - guest.loadPercent;
      const able = members
        .filter((m) => m.id !== source.id && after(m) < sourceLoad && (after(m) <= rules.thresholdPercent || after(m) <= sourceAfter))
        .filter((m) => placeGuest([m], rules, guest).ok)
        .sort((a, b) => (rules.policy === "spread" ? 1 : -1) * (after(a) - after(b)) || a.name.localeCompare(b.name));
      const destination = able[0];
      if (!destination) continue;
      const destinationAfter = after(destination);
      takes.set(destination.id, (takes.get(destination.id) ?? 0) + loadOn(guest, source, destination));
      moves.push({
        guestUuid: guest.uuid,
        guestName: guest.name,
        sourceHostId: source.id,
        destinationHostId: destination.id,
        facts: {
          thresholdPercent: rules.thresholdPercent,
          sourceLoadPercent: round1(sourceLoad),
          guestLoadPercent: round1(guest.loadPercent),
          sourceAfterPercent: round1(Math.max(0, sourceAfter)),
          destinationAfterPercent: round1(destinationAfter),
        },
      });
      break;
    }
  }
  return moves;
}

/** The minute buckets of one host: each guest's % of the host's CPUs in that minute. */
export type MinuteLoads = ReadonlyMap<number, ReadonlyMap<string, number>>;

/**
 * A member's load over the window: the lowest of its minutes' sums (so "above the threshold" means every minute
 * was), and each guest's average; null when fewer minutes than the window were measured.
 */
export function windowLoad(minutes: MinuteLoads, windowMinutes: number): { hostPercent: number | null; guests: Map<string, number> } {
  const guests = new Map<string, number>();
  if (minutes.size < windowMinutes) return { hostPercent: null, guests };
  let lowest = Infinity;
  for (const perGuest of minutes.values()) {
    let sum = 0;
    for (const [uuid, percent] of perGuest) {
      sum += percent;
      guests.set(uuid, (guests.get(uuid) ?? 0) + percent / minutes.size);
    }
    lowest = Math.min(lowest, sum);
  }
  return { hostPercent: lowest, guests };
}
