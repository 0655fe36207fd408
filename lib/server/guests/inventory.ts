import "server-only";
import { uuidToString } from "@/lib/libvirt";
import { VirDomainEventType } from "@/lib/libvirt/generated/flags";
import { hostPool } from "../hosts/host-pool";
import type { PoolEvent } from "../hosts/pool";
import { HostInventory } from "./host-inventory";
import { processSingleton } from "../process-singleton";

const { VIR_DOMAIN_EVENT_DEFINED: DEFINED, VIR_DOMAIN_EVENT_STARTED: STARTED, VIR_DOMAIN_EVENT_STOPPED: STOPPED } = VirDomainEventType;

type Registry = Map<string, HostInventory>;

/** Keeps the caches that events make stale in step: start times, titles and sizes. */
function track(registry: Registry, event: PoolEvent): void {
  if (event.type !== "libvirt" || event.event.family !== "domain") return;
  const inventory = registry.get(event.hostId);
  if (!inventory) return;
  inventory.invalidate();
  const { procedure, data } = event.event;
  const uuid = uuidToString((data.dom as { uuid: Buffer }).uuid);
  if (procedure.endsWith("_LIFECYCLE")) {
    if (data.event === DEFINED) inventory.forgetDefinition(uuid);
    else if (data.event === STARTED) inventory.noteStarted(uuid);
    else if (data.event === STOPPED) inventory.noteStopped(uuid);
  } else if (procedure.endsWith("_METADATA_CHANGE")) {
    inventory.forgetDefinition(uuid);
  }
}

/** The inventory cache of one host (process-wide, like the pool). */
export function hostInventory(hostId: string): HostInventory {
  const registry = processSingleton("inventories", () => {
    const registry: Registry = new Map();
    hostPool().on("event", (e: PoolEvent) => track(registry, e));
    return registry;
  });
  let inventory = registry.get(hostId);
  if (!inventory) {
    inventory = new HostInventory(hostId);
    registry.set(hostId, inventory);
  }
  return inventory;
}
