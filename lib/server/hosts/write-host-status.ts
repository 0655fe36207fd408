import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { log } from "../log";
import { instanceId } from "../cluster/instance";
import { db } from "../db";
import type { HostStatus } from "./connections";

type Queue = { running: boolean; next: HostStatus | null };
const queues = new Map<string, Queue>();

/** A write that failed (the database busy or away) is tried again this much later, this many times. */
const RETRY_MS = 1_000;
const ATTEMPTS = 5;

/**
 * Records a host's status for every instance to show, as the instance holding its lease sees it. Writes of
 * one host go out one at a time in order, a burst collapsing into its newest, one that failed tried again
 * unless a newer one waits; each checks the lease in the same statement, so a late write of an instance that
 * has just handed the host over changes nothing. No transaction: hundreds of hosts connecting at once would
 * wait for the connection pool's few transactions and lose their status.
 */
export function writeHostStatus(hostId: string, status: HostStatus): void {
  let queue = queues.get(hostId);
  if (!queue) queues.set(hostId, (queue = { running: false, next: null }));
  queue.next = status;
  if (!queue.running) void drain(hostId, queue);
}

async function drain(hostId: string, queue: Queue): Promise<void> {
  queue.running = true;
  try {
    while (queue.next) {
      const status = queue.next;
      queue.next = null;
      for (let attempt = 1; ; attempt++) {
        const failed = await write(hostId, status).then(
          () => null,
          (err: Error) => err,
        );
        if (!failed || queue.next) break;
        if (attempt === ATTEMPTS) {
          log.error(`host status of ${hostId} not recorded: ${failed.message}`);
          break;
        }
        await sleep(RETRY_MS);
      }
    }
  } finally {
    queue.running = false;
    if (!queue.next) queues.delete(hostId);
  }
}

async function write(hostId: string, status: HostStatus): Promise<void> {
  const me = instanceId();
  const data = {
    state: status.state,
    since: new Date(status.since),
    message: status.state === "retrying" ? status.message : null,
    retryAt: status.state === "retrying" ? new Date(status.retryAt) : null,
    instanceId: me,
    updatedAt: new Date(),
  };
  const ours = { hostId, host: { lease: { instanceId: me } } };
  if ((await db().hostState.updateMany({ where: ours, data })).count === 1) return;
  // No row yet (the host's first status anywhere), or not ours: the first one is made while we hold the lease.
  if (!(await db().hostLease.findFirst({ where: { hostId, instanceId: me }, select: { hostId: true } }))) return;
  await db()
    .hostState.create({ data: { hostId, ...data } })
    .catch(async (err: Error) => {
      // Made meanwhile (by the previous holder's late write): update it, still only while the lease is ours.
      if ((await db().hostState.updateMany({ where: ours, data })).count === 0) throw err;
    });
}
