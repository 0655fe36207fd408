import "server-only";
import { log } from "../log";
import type { FleetEvent } from "@/lib/metrics/fleet-types";
import { db } from "../db";
import { newId } from "../ids";

/** How many recent events the database keeps (the dashboard shows 20 of those the person may see). */
export const KEPT_EVENTS = 200;

/**
 * Stores one of the dashboard's recent events, written by the instance holding the host's lease so that each
 * happens once and every instance lists it; the oldest beyond KEPT_EVENTS go. Never fails the caller.
 */
export async function recordEvent(event: FleetEvent): Promise<void> {
  try {
    await db().fleetEvent.create({
      data: {
        id: newId(),
        at: new Date(event.at),
        kind: event.kind,
        hostId: event.hostId,
        hostName: event.hostName ?? null,
        guestUuid: "uuid" in event ? event.uuid : null,
        name: "name" in event ? event.name : null,
        message: "message" in event ? (event.message ?? null) : null,
      },
    });
    const oldestKept = await db().fleetEvent.findFirst({ orderBy: { at: "desc" }, skip: KEPT_EVENTS - 1, select: { at: true } });
    if (oldestKept) await db().fleetEvent.deleteMany({ where: { at: { lt: oldestKept.at } } });
  } catch (err) {
    log.error(`recent events: not recorded (${(err as Error).message})`);
  }
}
