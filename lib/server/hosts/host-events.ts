import "server-only";
import { DomainEventId, NetworkEventId, StoragePoolEventId, type EventSpec } from "@/lib/libvirt";

/**
 * The libvirt events each host connection registers once. Each is a reason for browsers to re-read
 * something (events carry too little to patch state from, and may be missed during a reconnect).
 */
export const hostEventSpecs: EventSpec[] = [
  { family: "domain", eventId: DomainEventId.LIFECYCLE },
  { family: "domain", eventId: DomainEventId.REBOOT },
  { family: "domain", eventId: DomainEventId.METADATA_CHANGE },
  { family: "domain", eventId: DomainEventId.DEVICE_ADDED },
  { family: "domain", eventId: DomainEventId.DEVICE_REMOVED },
  { family: "domain", eventId: DomainEventId.TUNABLE },
  { family: "domain", eventId: DomainEventId.AGENT_LIFECYCLE },
  { family: "network", eventId: NetworkEventId.LIFECYCLE },
  { family: "storagePool", eventId: StoragePoolEventId.LIFECYCLE },
  { family: "storagePool", eventId: StoragePoolEventId.REFRESH },
];
