import "server-only";
import { uuidToString } from "@/lib/libvirt";
import { hostPool } from "../hosts/host-pool";
import type { PoolEvent } from "../hosts/pool";
import { HostInventory } from "./host-inventory";

// virDomainEventType values of the lifecycle event.
const DEFINED = 0;
const STARTED = 2;
const STOPPED = 5;

type Registry = Map<string, HostInventory>;
const key = Symbol.for("virt-console.inventories");

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
  const holder = globalThis as { [key]?: Registry };
  if (!holder[key]) {
    const registry: Registry = new Map();
    hostPool().on("event", (e: PoolEvent) => track(registry, e));
    holder[key] = registry;
  }
  let inventory = holder[key].get(hostId);
  if (!inventory) {
    inventory = new HostInventory(hostId);
    holder[key].set(hostId, inventory);
  }
  return inventory;
}
