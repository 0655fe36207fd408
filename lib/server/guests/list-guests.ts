import "server-only";
import type { GuestListResponse, GuestRow, HostConnectionStatus, HostLabel, HostSummary } from "@/lib/guests/types";
import { can, canSeeHost, type Grant } from "@/lib/roles";
import type { Actor } from "../auth/session";
import { hostPool } from "../hosts/host-pool";
import { hostStatuses } from "../hosts/host-statuses";
import { listGuestHosts, listVisibleHosts } from "../list-hosts";
import { hostInventory } from "./inventory";

/** Hosts the person may see (canSeeHost), with the live connection status of each. */
export async function listHostSummaries(actor: Actor): Promise<HostSummary[]> {
  const hosts = await listVisibleHosts(actor.grants);
  const statuses = await hostStatuses(hosts.map((h) => h.id));
  return hosts.map((h) => ({ ...h, status: statuses.get(h.id) ?? null }));
}

/** What someone who sees guests on a host, but not the host, learns of a failed connection: that it failed, not why. */
export const unreachableForGuestsOnly = "The host of these guests cannot be reached right now";

/** A connection state fit for this person: the transport's message only for those who may see the host. */
export function statusFor(grants: readonly Grant[], hostId: string, status: HostConnectionStatus | null): HostConnectionStatus | null {
  if (status?.state !== "retrying" || canSeeHost(grants, hostId)) return status;
  return { ...status, message: unreachableForGuestsOnly };
}

/**
 * Guests of every host where the person may see guests (or of one host), only those they may see, with
 * those hosts as labels. An unreachable host does not fail the list: it is reported in `errors`.
 */
export async function listGuests(actor: Actor, onlyHostId?: string): Promise<GuestListResponse> {
  const pool = hostPool();
  const labels = await listGuestHosts(actor.grants);
  const errors: GuestListResponse["errors"] = [];
  const perHost = await Promise.all(
    labels
      .filter((h) => !onlyHostId || h.id === onlyHostId)
      .map(async (host): Promise<GuestRow[]> => {
        try {
          const rows = await hostInventory(host.id).rows(await pool.get(host.id), () => pool.forJobs(host.id));
          return rows.filter((r) => can(actor.grants, "guest.view", { kind: "guest", hostId: host.id, guestUuid: r.uuid }));
        } catch (err) {
          const message = canSeeHost(actor.grants, host.id) ? (err instanceof Error ? err.message : String(err)) : unreachableForGuestsOnly;
          errors.push({ hostId: host.id, message });
          return [];
        }
      }),
  );
  // Statuses read after the calls: connecting may have changed them.
  const statuses = await hostStatuses(labels.map((h) => h.id));
  const hosts: HostLabel[] = labels.map((h) => ({ ...h, status: statusFor(actor.grants, h.id, statuses.get(h.id) ?? null) }));
  return { hosts, guests: perHost.flat(), errors };
}
