import "server-only";
import { errorFields, log } from "../log";
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { processSingleton } from "../process-singleton";

/**
 * This console process among the others that share its database. Every instance writes a heartbeat;
 * one whose heartbeat is older than DEAD_AFTER_MS is gone (killed, crashed, cut off), and what it held (host
 * leases, running jobs) may be taken over. With the embedded SQLite default there is exactly one instance,
 * and the same code runs.
 *
 * Times are this machine's clock: instances on several machines need clocks that agree (NTP), as
 * PostgreSQL replication and TLS already do.
 */
export const HEARTBEAT_MS = 2_000;
/** Three heartbeats missed: a slow instance under load still makes one of them. */
export const DEAD_AFTER_MS = 3 * HEARTBEAT_MS;

type State = { id: string; address: string; timer?: ReturnType<typeof setInterval>; stopping: boolean };

const state = () =>
  processSingleton<State>("instance", () => ({ id: `i-${randomBytes(6).toString("hex")}`, address: "", stopping: false }));

/** This process's instance id (stable for its lifetime). */
export function instanceId(): string {
  return state().id;
}

export function isStopping(): boolean {
  return state().stopping;
}

/** Registers this instance and keeps its heartbeat; `address` is where other instances reach it (host:port). */
export async function startInstance(address: string): Promise<void> {
  const s = state();
  s.address = address;
  await db().instance.upsert({
    where: { id: s.id },
    create: { id: s.id, address, heartbeatAt: new Date() },
    update: { address, heartbeatAt: new Date(), stoppingAt: null },
  });
  s.timer = setInterval(() => {
    void db()
      .instance.upsert({
        where: { id: s.id },
        create: { id: s.id, address: s.address, heartbeatAt: new Date() },
        update: { heartbeatAt: new Date() },
      })
      .catch((err: Error) => log.error(errorFields(err), "instance heartbeat failed"));
  }, HEARTBEAT_MS);
  s.timer.unref();
  // Rows of instances long gone (a minute past dead) are only clutter.
  await db().instance.deleteMany({ where: { heartbeatAt: { lt: new Date(Date.now() - DEAD_AFTER_MS - 60_000) } } });
}

/** Marks the start of a graceful stop: others see it and stop handing work to this instance. */
export async function beginStopping(): Promise<void> {
  const s = state();
  s.stopping = true;
  await db()
    .instance.update({ where: { id: s.id }, data: { stoppingAt: new Date() } })
    .catch(() => undefined);
}

/** Removes this instance's row at the very end of a graceful stop. */
export async function stopInstance(): Promise<void> {
  const s = state();
  clearInterval(s.timer);
  await db()
    .instance.deleteMany({ where: { id: s.id } })
    .catch(() => undefined);
}

export type InstanceRow = { id: string; address: string; heartbeatAt: Date; stoppingAt: Date | null };

/** Instances alive now (heartbeat recent), including this one; those stopping are marked. */
export async function liveInstances(now = Date.now()): Promise<InstanceRow[]> {
  return db().instance.findMany({
    where: { heartbeatAt: { gt: new Date(now - DEAD_AFTER_MS) } },
    select: { id: true, address: true, heartbeatAt: true, stoppingAt: true },
    orderBy: { id: "asc" },
  });
}

/** True when the instance is gone: no row, or a heartbeat too old. */
export async function isInstanceDead(id: string, now = Date.now()): Promise<boolean> {
  const row = await db().instance.findUnique({ where: { id }, select: { heartbeatAt: true } });
  return !row || row.heartbeatAt.getTime() <= now - DEAD_AFTER_MS;
}
