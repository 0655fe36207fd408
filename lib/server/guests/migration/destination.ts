import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import { can, isAdmin } from "@/lib/roles";
import type { MigrationOptions } from "@/lib/validations/migration";
import type { Actor } from "../../auth/session";
import { db } from "../../db";
import { ApiError, notFound } from "../../http/errors";
import { hostPool } from "../../hosts/host-pool";
import { peerUriFor } from "./migration-call";

export type Destination = { id: string; name: string; uri: string; peerUri: string | null };

/**
 * The destination host row, checked: another host than the source, and one the person may manage
 * guests on (the route checked the source guest). peerUri is what the source daemon will connect to.
 */
export async function resolveDestination(
  actor: Actor,
  sourceHostId: string,
  options: Pick<MigrationOptions, "destinationHostId" | "peerUri">,
): Promise<Destination> {
  if (options.destinationHostId === sourceHostId)
    throw new ApiError(422, { key: "alreadyThere" }, { destinationHostId: { key: "chooseAnotherHost" } });
  if (!can(actor.grants, "guest.manage", { kind: "host", hostId: options.destinationHostId })) {
    throw new ApiError(403, { key: "noDestinationRights" }, { destinationHostId: { key: "noRightsThere" } });
  }
  // The source daemon connects wherever this says and hands the guest over: only people who may add
  // hosts anyway choose it; everyone else gets the address derived from the registered host.
  if (options.peerUri && !isAdmin(actor.grants)) {
    throw new ApiError(
      403,
      { key: "adminOnlyPeerUri" },
      {
        peerUri: { key: "leaveEmptyOrAskAdmin" },
      },
    );
  }
  const host = await db().host.findUnique({ where: { id: options.destinationHostId } });
  if (!host) throw notFound("destinationHost");
  return { id: host.id, name: host.name, uri: host.uri, peerUri: options.peerUri ?? peerUriFor(host.uri) };
}

/** The destination's connection, or the reason there is none in words. */
export async function connectDestination(destination: Destination): Promise<{ lv: Libvirt } | { error: string }> {
  try {
    return { lv: await hostPool().get(destination.id) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
