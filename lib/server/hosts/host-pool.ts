import "server-only";
import { uuidToString } from "@/lib/libvirt";
import { can, canOnHostOrItsGuests, canSeeHost } from "@/lib/roles";
import { db } from "../db";
import { hostStatusEvent, lifecycleEvent, recordEvent } from "../metrics/recent-events";
import { eventsHub } from "../ws/events-hub";
import { connectOptionsFor } from "./connect-options";
import { HostPool, HostUnavailableError, type HostStatus, type PoolEvent } from "./pool";
import { processSingleton } from "../process-singleton";

async function optionsFor(hostId: string) {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw new HostUnavailableError(hostId, "no such host");
  return { target: { id: host.id, name: host.name, uri: host.uri }, options: await connectOptionsFor(host) };
}

/** Turns pool events into browser events, each visible only to those who may see what it is about. */
function relay(event: PoolEvent): void {
  const hub = eventsHub();
  const { hostId } = event;
  switch (event.type) {
    case "status":
      // Those who see only guests on the host hear that it changed (their list re-reads), not why.
      hub.publish({ type: "host.status", hostId, status: event.status }, (a) => canSeeHost(a.grants, hostId));
      hub.publish(
        { type: "host.status", hostId },
        (a) => !canSeeHost(a.grants, hostId) && canOnHostOrItsGuests(a.grants, "guest.view", hostId),
      );
      noteHostStatus(hostId, event.hostName, event.status);
      return;
    case "resync":
      hub.publish({ type: "host.resync", hostId }, (a) => canOnHostOrItsGuests(a.grants, "guest.view", hostId));
      return;
    case "subscribeFailed":
      return;
    case "libvirt": {
      const { family, procedure, data } = event.event;
      if (family === "domain") {
        const dom = data.dom as { name: string; uuid: Buffer };
        const guestUuid = uuidToString(dom.uuid);
        const scope = { kind: "guest" as const, hostId, guestUuid };
        const notable =
          procedure === "DOMAIN_EVENT_CALLBACK_LIFECYCLE" ? lifecycleEvent(hostId, guestUuid, dom.name, data.event, data.detail) : null;
        if (notable) recordEvent({ ...notable, hostName: event.hostName });
        hub.publish(
          { type: "domain", hostId, uuid: guestUuid, name: dom.name, procedure, event: data.event ?? null, detail: data.detail ?? null },
          (a) => can(a.grants, "guest.view", scope),
        );
      } else if (family === "network") {
        const net = data.net as { name: string };
        hub.publish({ type: "network", hostId, name: net.name, event: data.event ?? null }, (a) =>
          can(a.grants, "network.view", { kind: "host", hostId }),
        );
      } else if (family === "storagePool") {
        const pool = data.pool as { name: string };
        hub.publish({ type: "storagePool", hostId, name: pool.name, event: data.event ?? null }, (a) =>
          can(a.grants, "storage.view", { kind: "host", hostId }),
        );
      }
    }
  }
}

const lastHostState = new Map<string, HostStatus["state"]>();

function noteHostStatus(hostId: string, hostName: string, status: HostStatus): void {
  const { event, remember } = hostStatusEvent(hostId, lastHostState.get(hostId), status);
  if (remember) lastHostState.set(hostId, status.state);
  // The name goes with the event: the host may be removed (and its name gone) before anyone reads it.
  if (event) recordEvent({ ...event, hostName });
}

/** The process-wide pool. */
export function hostPool(): HostPool {
  return processSingleton("host-pool", () => new HostPool(optionsFor).on("event", relay));
}
