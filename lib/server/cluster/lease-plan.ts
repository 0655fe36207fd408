import "server-only";

export type LeaseRow = { hostId: string; instanceId: string; expiresAt: number };

export type LeasePlanInput = {
  me: string;
  hostIds: readonly string[];
  leases: readonly LeaseRow[];
  /** Instances taking work now (alive and not stopping), this one included. */
  workers: readonly string[];
  now: number;
};

/** Hosts to try to take (free ones; others may race for them, the database decides) and hosts to hand over. */
export type LeasePlan = { take: string[]; release: string[] };

/** A stable per-instance order, so instances racing for free hosts mostly try different ones first. */
function spread(me: string, hostId: string): number {
  let h = 2166136261;
  for (const c of me + hostId) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * Hosts spread evenly over the instances taking work: each holds floor(hosts / instances) or one more.
 * An instance takes free hosts up to its share (up to the floor while another is still below it), hands over
 * what is above the ceiling, and, while an instance below the floor finds no free host, the fullest
 * instances hand over one host each. A host moves only when the spread needs it (each move leaves a gap
 * in its live charts).
 */
export function planLeases({ me, hostIds, leases, workers, now }: LeasePlanInput): LeasePlan {
  if (!workers.includes(me) || hostIds.length === 0) return { take: [], release: [] };
  const hosts = new Set(hostIds);
  const holder = new Map<string, string>();
  for (const l of leases) if (hosts.has(l.hostId) && l.expiresAt > now) holder.set(l.hostId, l.instanceId);
  const free = hostIds.filter((h) => !holder.has(h)).sort((a, b) => spread(me, a) - spread(me, b) || (a < b ? -1 : 1));

  const floor = Math.floor(hostIds.length / workers.length);
  const ceil = Math.ceil(hostIds.length / workers.length);
  const count = new Map(workers.map((w) => [w, 0]));
  for (const w of holder.values()) if (count.has(w)) count.set(w, count.get(w)! + 1);
  const mine = [...holder]
    .filter(([, w]) => w === me)
    .map(([h]) => h)
    .sort();
  const deficit = workers.reduce((sum, w) => sum + Math.max(0, floor - count.get(w)!), 0);

  const room = Math.max(0, (deficit > 0 ? floor : ceil) - mine.length);
  const take = free.slice(0, room);

  if (mine.length > ceil) return { take, release: mine.slice(ceil) };
  // Instances below the floor that free hosts cannot fill get one host from each of the fullest instances.
  const unmet = deficit - free.length;
  if (unmet <= 0 || mine.length <= floor) return { take, release: [] };
  const donors = workers
    .filter((w) => count.get(w)! > floor)
    .sort((a, b) => count.get(b)! - count.get(a)! || (a < b ? -1 : 1))
    .slice(0, unmet);
  return { take, release: donors.includes(me) ? mine.slice(-1) : [] };
}
