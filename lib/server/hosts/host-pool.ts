import "server-only";
import { uuidToString } from "@/lib/libvirt";
import { db } from "../db";
import { hostStatusEvent, lifecycleEvent } from "../metrics/recent-events";
import { recordEvent } from "../metrics/record-event";
import { broadcastLive } from "../ws/broadcast-live";
import type { Visibility } from "../ws/visibility";
import { connectOptionsFor } from "./connect-options";
import { HostPool, type HostStatus, type PoolEvent } from "./connections";
import { processSingleton } from "../process-singleton";
import { writeHostStatus } from "./write-host-status";
import { stateFromLifecycle } from "../guests/lifecycle-state";
import { keepHaDefinition } from "../ha/keep-definitions";
import { keepOwnerRecord } from "../quotas/keep-owner-records";
import { hostWatch } from "../ha/host-watch";

async function optionsFor(hostId: string) {
  const host = await db().host.findUnique({ where: { id: hostId }, include: { state: { select: { parked: true } } } });
  if (!host) return null;
  const target = { id: host.id, name: host.name, uri: host.uri };
  if (host.state?.parked) return { target, options: {}, parked: true };
  return { target, options: await connectOptionsFor(host) };
}

const onHost = (permission: Visibility["permission"], hostId: string): Visibility => ({ permission, scope: { kind: "host", hostId } });
const onHostOrItsGuests = (permission: Visibility["permission"], hostId: string): Visibility => ({
  ...onHost(permission, hostId),
  orOnItsGuests: true,
});

/**
 * What the instance holding a host's lease tells everyone: its status (recorded for every instance to show)
 * and libvirt's events, to the browsers of every instance through the bus, each visible only to those who
 * may see what it is about; and the notable ones as the dashboard's recent events. Other instances'
 * connections to the host serve calls and stay quiet.
 */
function relay(pool: HostPool, event: PoolEvent): void {
  const { hostId } = event;
  if (!pool.owns(hostId)) return;
  switch (event.type) {
    case "status":
      writeHostStatus(hostId, event.status);
      hostWatch().statusChanged(hostId, event.status);
      // Those who see only guests on the host hear that it changed (their list re-reads), not why.
      broadcastLive([
        { event: { type: "host.status", hostId, status: event.status }, to: onHost("host.view", hostId) },
        { event: { type: "host.status", hostId }, to: onHostOrItsGuests("guest.view", hostId) },
      ]);
      noteHostStatus(hostId, event.hostName, event.status);
      return;
    case "resync":
      broadcastLive([{ event: { type: "host.resync", hostId }, to: onHostOrItsGuests("guest.view", hostId) }]);
      return;
    case "subscribeFailed":
      return;
    case "libvirt": {
      const { family, procedure, data } = event.event;
      if (family === "domain") {
        const dom = data.dom as { name: string; uuid: Buffer };
        const guestUuid = uuidToString(dom.uuid);
        const notable =
          procedure === "DOMAIN_EVENT_CALLBACK_LIFECYCLE" ? lifecycleEvent(hostId, guestUuid, dom.name, data.event, data.detail) : null;
        if (notable) void recordEvent({ ...notable, hostName: event.hostName });
        if (procedure === "DOMAIN_EVENT_CALLBACK_LIFECYCLE") {
          void keepHaDefinition(hostId, guestUuid, data.event as number, data.detail as number);
          void keepOwnerRecord(hostId, guestUuid, data.event as number);
        }
        // The new state travels with the event: pages show it at once instead of after their re-read.
        const now = procedure === "DOMAIN_EVENT_CALLBACK_LIFECYCLE" ? stateFromLifecycle(data.event, data.detail) : null;
        broadcastLive([
          {
            event: {
              type: "domain",
              hostId,
              uuid: guestUuid,
              name: dom.name,
              procedure,
              event: data.event ?? null,
              detail: data.detail ?? null,
              ...(now && { state: now.state, reason: now.reason }),
            },
            to: { permission: "guest.view", scope: { kind: "guest", hostId, guestUuid } },
          },
        ]);
      } else if (family === "network") {
        const net = data.net as { name: string };
        broadcastLive([
          { event: { type: "network", hostId, name: net.name, event: data.event ?? null }, to: onHost("network.view", hostId) },
        ]);
      } else if (family === "storagePool") {
        const sp = data.pool as { name: string };
        broadcastLive([
          { event: { type: "storagePool", hostId, name: sp.name, event: data.event ?? null }, to: onHost("storage.view", hostId) },
        ]);
      }
    }
  }
}

/** Each held host's last status that counts for recent events. */
function lastHostStates(): Map<string, HostStatus["state"]> {
  return processSingleton("last-host-states", () => new Map<string, HostStatus["state"]>());
}

function noteHostStatus(hostId: string, hostName: string, status: HostStatus): void {
  const { event, remember } = hostStatusEvent(hostId, lastHostStates().get(hostId), status);
  if (remember) lastHostStates().set(hostId, status.state);
  // The name goes with the event: the host may be removed (and its name gone) before anyone reads it.
  if (event) void recordEvent({ ...event, hostName });
}

/**
 * This instance took the host's lease: it picks up where the previous holder's recorded status left off (so a
 * host that was away and is back reads as a return, a host that stayed connected as nothing), then connects
 * and registers the host's events.
 */
export async function takeOverHost(hostId: string): Promise<void> {
  const stored = await db().hostState.findUnique({ where: { hostId }, select: { state: true } });
  if (stored && stored.state !== "connecting") lastHostStates().set(hostId, stored.state as HostStatus["state"]);
  hostPool().own(hostId);
  // Events may have been missed between the previous holder and this one: pages re-read the host.
  broadcastLive([{ event: { type: "host.resync", hostId }, to: onHostOrItsGuests("guest.view", hostId) }]);
}

/** The lease went to another instance (or the host is gone): this one stops speaking for the host. */
export function handOverHost(hostId: string): void {
  hostPool().disown(hostId);
  lastHostStates().delete(hostId);
  hostWatch().forget(hostId);
}

/** The process-wide pool. */
export function hostPool(): HostPool {
  return processSingleton("host-pool", () => {
    const pool = new HostPool(optionsFor);
    pool.on("event", (e: PoolEvent) => relay(pool, e));
    return pool;
  });
}
