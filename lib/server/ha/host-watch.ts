import "server-only";
import type { HostStatus } from "../hosts/connections";
import { db } from "../db";
import { log } from "../log";
import { processSingleton } from "../process-singleton";
import { startFenceJob } from "./fence-host";
import { hostBack } from "./host-back";
import { refreshKeptDefinitions } from "./keep-definitions";

/**
 * Watches the connections of the hosts this instance holds the lease of (their status reaches it through the host
 * pool's relay): a cluster member whose connection is lost and not back within its cluster's grace time gets a fence
 * job; a host with a fencing state that connects again is cleared (host-back.ts), and the kept definitions of the
 * guests living there are read again (events may have been missed while it was away). A host disconnected on purpose
 * ("disconnected", parked by an admin) is not watched.
 */
class HostWatch {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  statusChanged(hostId: string, status: HostStatus): void {
    // Each reconnection attempt says "connecting" first: the time lost counts on until one succeeds.
    if (status.state === "connecting") return;
    if (status.state === "retrying") {
      if (!this.timers.has(hostId)) void this.arm(hostId);
      return;
    }
    this.disarm(hostId);
    if (status.state !== "connected") return;
    void hostBack(hostId)
      .then(() => refreshKeptDefinitions(hostId))
      .catch((err: Error) => log.warn({ err, hostId }, "high availability: a returned host's upkeep failed"));
  }

  /** The lease went elsewhere: the next holder watches. */
  forget(hostId: string): void {
    this.disarm(hostId);
  }

  private async arm(hostId: string): Promise<void> {
    // A placeholder at once, so that a burst of retries arms one timer.
    this.timers.set(
      hostId,
      setTimeout(() => undefined, 0),
    );
    const host = await db().host.findUnique({ where: { id: hostId }, select: { cluster: { select: { haGraceSeconds: true } } } });
    if (!host?.cluster || !this.timers.has(hostId)) {
      this.timers.delete(hostId);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(hostId);
      void startFenceJob(hostId).catch((err: Error) => log.error({ err, hostId }, "high availability: starting the fence job failed"));
    }, host.cluster.haGraceSeconds * 1000);
    timer.unref();
    this.timers.set(hostId, timer);
  }

  private disarm(hostId: string): void {
    const timer = this.timers.get(hostId);
    if (timer) clearTimeout(timer);
    this.timers.delete(hostId);
  }
}

export const hostWatch = (): HostWatch => processSingleton("ha-host-watch", () => new HostWatch());
