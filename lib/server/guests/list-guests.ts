import "server-only";
import type { GuestListResponse, GuestRow, HostSummary } from "@/lib/guests/types";
import { can } from "@/lib/roles";
import type { Actor } from "../auth/session";
import { hostPool } from "../hosts/host-pool";
import { listVisibleHosts } from "../list-hosts";
import { hostInventory } from "./inventory";

/** Hosts the person may see, with the live connection status of each. */
export async function listHostSummaries(actor: Actor): Promise<HostSummary[]> {
  const pool = hostPool();
  return (await listVisibleHosts(actor.grants)).map((h) => ({ ...h, status: pool.status(h.id) }));
}

/**
 * Guests of every visible host (or one), only those the person may see. An unreachable host does not
 * fail the list: it is reported in `errors` with its own message.
 */
export async function listGuests(actor: Actor, onlyHostId?: string): Promise<GuestListResponse> {
  const pool = hostPool();
  const visible = (await listHostSummaries(actor)).filter((h) => !onlyHostId || h.id === onlyHostId);
  const errors: GuestListResponse["errors"] = [];
  const perHost = await Promise.all(
    visible.map(async (host): Promise<GuestRow[]> => {
      try {
        const rows = await hostInventory(host.id).rows(await pool.get(host.id), () => pool.forJobs(host.id));
        return rows.filter((r) => can(actor.grants, "guest.view", { kind: "guest", hostId: host.id, guestUuid: r.uuid }));
      } catch (err) {
        errors.push({ hostId: host.id, message: err instanceof Error ? err.message : String(err) });
        return [];
      }
    }),
  );
  // Statuses read again: connecting may have changed them.
  const hosts = visible.map((h) => ({ ...h, status: pool.status(h.id) }));
  return { hosts, guests: perHost.flat(), errors };
}
