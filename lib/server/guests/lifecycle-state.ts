import "server-only";
import * as flags from "@/lib/libvirt/generated/flags";
import type { GuestState } from "@/lib/guests/types";

// What a domain lifecycle event says the guest's state now is, so the event itself can carry it to the
// browsers (they patch the row at once; the full re-read follows for the figures that need it). Built from
// the generated enum names: VIR_DOMAIN_EVENT_<EVENT> → a state, VIR_DOMAIN_EVENT_<EVENT>_<DETAIL> → words.

type EventName = keyof typeof flags.VirDomainEventType extends `VIR_DOMAIN_EVENT_${infer E}` ? E : never;

/** The state each lifecycle event leaves the guest in; null where it says nothing about the state (defined, undefined). */
const stateAfter: Record<EventName, GuestState | null> = {
  DEFINED: null,
  UNDEFINED: null,
  STARTED: "running",
  SUSPENDED: "paused",
  RESUMED: "running",
  STOPPED: "shutoff",
  SHUTDOWN: "shutdown",
  PMSUSPENDED: "pmsuspended",
  CRASHED: "crashed",
};

// The detail enums, found by name: VirDomainEvent<Event>DetailType (PMSuspended is spelled in camel case).
const detailTables = new Map<string, Record<string, number>>(
  Object.entries(flags)
    .filter(([name]) => /^VirDomainEvent\w+DetailType$/.test(name))
    .map(([name, table]) => [name.slice("VirDomainEvent".length, -"DetailType".length).toUpperCase(), table as Record<string, number>]),
);

const byNumber = new Map<number, { state: GuestState | null; details: Map<number, string> }>(
  Object.entries(flags.VirDomainEventType).map(([name, value]) => {
    const event = name.slice("VIR_DOMAIN_EVENT_".length) as EventName;
    const prefix = `VIR_DOMAIN_EVENT_${event}_`;
    const details = new Map(
      Object.entries(detailTables.get(event) ?? {}).map(([detail, n]) => [n, detail.slice(prefix.length).toLowerCase().replace(/_/g, " ")]),
    );
    return [value, { state: stateAfter[event], details }];
  }),
);

/** A lifecycle event's numbers → the guest's new state and the detail in words ("shutoff", "destroyed"), or null. */
export function stateFromLifecycle(event: unknown, detail: unknown): { state: GuestState; reason: string } | null {
  const entry = typeof event === "number" ? byNumber.get(event) : undefined;
  if (!entry?.state) return null;
  return { state: entry.state, reason: (typeof detail === "number" && entry.details.get(detail)) || "unknown" };
}
