import "server-only";
import {
  VirDomainEventResumedDetailType,
  VirDomainEventStoppedDetailType,
  VirDomainEventSuspendedDetailType,
  VirDomainEventType,
} from "@/lib/libvirt/generated/flags";
import type { FleetEvent } from "@/lib/metrics/fleet-types";
import type { HostStatus } from "../hosts/connections";

// What the fleet dashboard lists under "Recent events": guests that crashed, started or stopped and
// hosts that went away or came back (the audit log keeps changes people made; this keeps what happened
// by itself). Which libvirt events and status changes count is decided here; record-event.ts stores them.

const {
  VIR_DOMAIN_EVENT_STARTED: STARTED,
  VIR_DOMAIN_EVENT_STOPPED: STOPPED,
  VIR_DOMAIN_EVENT_CRASHED: CRASHED,
  VIR_DOMAIN_EVENT_SUSPENDED: SUSPENDED,
  VIR_DOMAIN_EVENT_RESUMED: RESUMED,
} = VirDomainEventType;
// The STOPPED details that mean something went wrong.
const { VIR_DOMAIN_EVENT_STOPPED_CRASHED: STOPPED_CRASHED, VIR_DOMAIN_EVENT_STOPPED_FAILED: STOPPED_FAILED } =
  VirDomainEventStoppedDetailType;
// The SUSPENDED details that mean the guest was paused by an error (not by someone, a migration or a snapshot), in words.
const S = VirDomainEventSuspendedDetailType;
const pausedByError = new Map<unknown, string>([
  [S.VIR_DOMAIN_EVENT_SUSPENDED_IOERROR, "a disk error"],
  [S.VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG, "its watchdog"],
  [S.VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR, "an error in libvirt"],
  [S.VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED, "a failed migration"],
]);
// Someone resuming a paused guest (a migration's or a snapshot's resume is no event of its own).
const { VIR_DOMAIN_EVENT_RESUMED_UNPAUSED: UNPAUSED } = VirDomainEventResumedDetailType;

/** A domain lifecycle event as a fleet event, or null for those the dashboard does not list. */
export function lifecycleEvent(
  hostId: string,
  uuid: string,
  name: string,
  event: unknown,
  detail: unknown,
  at = Date.now(),
): FleetEvent | null {
  if (event === CRASHED || (event === STOPPED && (detail === STOPPED_CRASHED || detail === STOPPED_FAILED)))
    return { at, kind: "guest.crashed", hostId, uuid, name };
  if (event === STARTED) return { at, kind: "guest.started", hostId, uuid, name };
  if (event === SUSPENDED && pausedByError.has(detail))
    return { at, kind: "guest.paused", hostId, uuid, name, message: pausedByError.get(detail)! };
  if (event === RESUMED && detail === UNPAUSED) return { at, kind: "guest.resumed", hostId, uuid, name };
  if (event === STOPPED) return { at, kind: "guest.stopped", hostId, uuid, name };
  return null;
}

/**
 * A host that was connected and is not any more, or is back after that, is a fleet event. Connecting
 * attempts are passed over (not remembered), so connected → retrying → connecting → connected reads as
 * one disconnect and one return; the first connection after start is no event.
 */
export function hostStatusEvent(
  hostId: string,
  before: HostStatus["state"] | undefined,
  status: HostStatus,
): { event: FleetEvent | null; remember: boolean } {
  if (status.state === "connecting") return { event: null, remember: false };
  if (status.state === "connected")
    return { event: before && before !== "connected" ? { at: status.since, kind: "host.connected", hostId } : null, remember: true };
  const message = status.state === "retrying" ? status.message : "disconnected by an admin";
  return { event: before === "connected" ? { at: status.since, kind: "host.disconnected", hostId, message } : null, remember: true };
}
