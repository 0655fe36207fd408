import "server-only";
import { db } from "../db";
import { hostPool } from "./host-pool";
import type { HostStatus } from "./connections";

type Row = { state: string; since: Date; message: string | null; retryAt: Date | null; parked: boolean };

/** A stored status as the pages show it; a parked host is disconnected whatever was last written. */
export function statusFromRow(row: Row): HostStatus | null {
  const since = row.since.getTime();
  if (row.parked) return { state: "disconnected", since };
  switch (row.state) {
    case "connecting":
    case "connected":
    case "disconnected":
      return { state: row.state, since };
    case "retrying":
      return { state: "retrying", since, message: row.message ?? "", retryAt: row.retryAt?.getTime() ?? since };
    default:
      return null;
  }
}

/**
 * Each host's connection status as the instance holding its lease sees it: this instance's own view for the
 * hosts it holds, the recorded one for the others; where nothing is recorded yet (no instance has held the
 * host), this instance's own connection's, or null when it has none.
 */
export async function hostStatuses(hostIds: readonly string[]): Promise<Map<string, HostStatus | null>> {
  const pool = hostPool();
  const remote = hostIds.filter((id) => !pool.owns(id));
  const rows = remote.length ? await db().hostState.findMany({ where: { hostId: { in: remote } } }) : [];
  const stored = new Map(rows.map((r) => [r.hostId, statusFromRow(r)]));
  return new Map(hostIds.map((id) => [id, pool.owns(id) ? pool.status(id) : (stored.get(id) ?? pool.status(id))]));
}

export async function hostStatus(hostId: string): Promise<HostStatus | null> {
  return (await hostStatuses([hostId])).get(hostId) ?? null;
}
