import "server-only";
import { windowLoad, type BalanceMember, type MinuteLoads } from "@/lib/host-clusters/balancing";
import { db } from "../db";
import { toMinutes } from "../metrics/rollups";
import { candidateOf, type MemberFacts } from "./member-facts";

/**
 * Each member's guests' CPU over the last `minutes` minutes, from the metrics' minute rows (written once a minute
 * by whichever instance samples the host, so this reads the same figures on every instance): a member is measured
 * once it has a row for each minute of the window (the current minute counts as one).
 */
export async function balanceMembers(members: readonly MemberFacts[], minutes: number, now = Date.now()): Promise<BalanceMember[]> {
  const rows = await db().metricPoint.findMany({
    where: {
      resolution: "1m",
      hostId: { in: members.map((m) => m.id) },
      guestUuid: { not: "" },
      bucket: { gte: toMinutes(now) - minutes },
      cpuHostPercent: { not: null },
    },
    select: { hostId: true, guestUuid: true, bucket: true, cpuHostPercent: true },
  });
  const byHost = new Map<string, Map<number, Map<string, number>>>();
  for (const r of rows) {
    const perMinute = byHost.get(r.hostId) ?? new Map<number, Map<string, number>>();
    byHost.set(r.hostId, perMinute);
    const perGuest = perMinute.get(r.bucket) ?? new Map<string, number>();
    perMinute.set(r.bucket, perGuest);
    perGuest.set(r.guestUuid, r.cpuHostPercent ?? 0);
  }
  return members.map((m) => {
    // Only the guests running there now count: one that left (migrated, shut off) no longer loads the host.
    const running = new Set(m.running.map((g) => g.uuid));
    const measured: MinuteLoads = new Map(
      [...(byHost.get(m.id) ?? new Map<number, Map<string, number>>())].map(([minute, perGuest]) => [
        minute,
        new Map([...perGuest].filter(([uuid]) => running.has(uuid))),
      ]),
    );
    const load = windowLoad(measured, minutes);
    return {
      ...candidateOf(m),
      loadPercent: m.error ? null : load.hostPercent,
      guests: m.running.map((g) => ({ ...g, loadPercent: load.guests.get(g.uuid) ?? 0 })),
    };
  });
}
