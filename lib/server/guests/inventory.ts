import "server-only";
import { VirDomainEventType } from "@/lib/libvirt/generated/flags";
import type { LiveVariant } from "../ws/visibility";
import { HostInventory } from "./host-inventory";
import { processSingleton } from "../process-singleton";

const { VIR_DOMAIN_EVENT_DEFINED: DEFINED, VIR_DOMAIN_EVENT_STARTED: STARTED, VIR_DOMAIN_EVENT_STOPPED: STOPPED } = VirDomainEventType;

type Registry = Map<string, HostInventory>;

function registry(): Registry {
  return processSingleton("inventories", (): Registry => new Map());
}

/**
 * Keeps the caches that events make stale in step (start times, titles, sizes), on every instance: the
 * instance holding a host's lease publishes its libvirt events on the bus, and each instance's inventory of
 * that host hears them here (listen-live.ts).
 */
export function noteLiveEvent(variants: readonly LiveVariant[]): void {
  const event = variants[0]?.event;
  if (!event || typeof event.hostId !== "string") return;
  const inventory = registry().get(event.hostId);
  if (!inventory) return;
  if (event.type === "host.resync") return inventory.invalidate();
  if (event.type !== "domain" || typeof event.uuid !== "string") return;
  inventory.invalidate();
  const procedure = String(event.procedure ?? "");
  if (procedure.endsWith("_LIFECYCLE")) {
    if (event.event === DEFINED) inventory.forgetDefinition(event.uuid);
    else if (event.event === STARTED) inventory.noteStarted(event.uuid);
    else if (event.event === STOPPED) inventory.noteStopped(event.uuid);
  } else if (procedure.endsWith("_METADATA_CHANGE")) {
    inventory.forgetDefinition(event.uuid);
  }
}

/** Every cached snapshot is suspect (the link between instances was down): the next reads go to libvirt. */
export function invalidateAllInventories(): void {
  for (const inventory of registry().values()) inventory.invalidate();
}

/** The inventory cache of one host (process-wide, like the pool). */
export function hostInventory(hostId: string): HostInventory {
  let inventory = registry().get(hostId);
  if (!inventory) {
    inventory = new HostInventory(hostId);
    registry().set(hostId, inventory);
  }
  return inventory;
}
