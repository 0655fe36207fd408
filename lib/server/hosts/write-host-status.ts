import "server-only";
import { log } from "../log";
import { instanceId } from "../cluster/instance";
import { db } from "../db";
import type { HostStatus } from "./connections";

type Queue = { running: boolean; next: HostStatus | null };
const queues = new Map<string, Queue>();

/**
 * Records a host's status for every instance to show, as the instance holding its lease sees it. Writes of
 * one host go out one at a time in order, a burst collapsing into its newest; each checks the lease in the
 * same transaction, so a late write of an instance that has just handed the host over changes nothing.
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
      await write(hostId, status).catch((err: Error) => log.error(`host status of ${hostId} not recorded: ${err.message}`));
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
  await db().$transaction(async (tx) => {
    if (!(await tx.hostLease.findFirst({ where: { hostId, instanceId: me }, select: { hostId: true } }))) return;
    await tx.hostState.upsert({ where: { hostId }, create: { hostId, ...data }, update: data });
  });
}
