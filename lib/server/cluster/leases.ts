import "server-only";
import { log } from "../log";
import { db } from "../db";
import { bus } from "./bus";
import { HostLeases, type HostWork } from "./host-leases";
import { instanceId } from "./instance";

const key = Symbol.for("virt-console.host-leases");
type Holder = { [key]?: HostLeases };

/** This process's host leases, or null where none run (tests that drive the verbs without a server). */
export function hostLeases(): HostLeases | null {
  return (globalThis as Holder)[key] ?? null;
}

/**
 * Starts taking, renewing and handing over host leases for this instance (server.ts, once). Hosts handed
 * over or added anywhere reach the others as a "leases" message on the bus, so they look at once.
 */
export function startHostLeases(work: HostWork): { leases: HostLeases; unlisten: () => void } {
  const holder = globalThis as Holder;
  if (holder[key]) throw new Error("host leases are running already");
  const leases = new HostLeases({ db: db(), instanceId: instanceId(), work, nudgeOthers: nudgeLeases });
  holder[key] = leases;
  const unlisten = bus().subscribe("leases", (_payload, message) => {
    if (message.from !== instanceId()) leases.nudge();
  });
  leases.start();
  return { leases, unlisten };
}

/** Hosts were handed over or added: every instance looks at the spread now instead of at its next round. */
export function nudgeLeases(): void {
  hostLeases()?.nudge();
  bus()
    .publish("leases", { nudge: true })
    .catch((err: Error) => log.error(`host leases: cannot tell the other instances (${err.message})`));
}
