import "server-only";
import { log } from "../log";
import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { consolePresence } from "../consoles/presence";
import { stopSerialLogs } from "../consoles/serial-log/service";
import { db } from "../db";
import { hostPool } from "../hosts/host-pool";
import { stopMetrics } from "../metrics/service";
import { liveConnections } from "../ws/live-connections";
import type { UpgradeGate } from "../ws/upgrade";
import { bus } from "./bus";
import { handOverJobs } from "../jobs/service";
import { beginStopping, instanceId, liveInstances, stopInstance } from "./instance";
import { hostLeases } from "./leases";

/** Requests still running this long after the listener closed are cut off (an upload, a long download). */
const FINISH_REQUESTS_MS = 8_000;
/** Consoles and event sockets get this long to write their last audit rows after being closed. */
const CLOSE_SOCKETS_MS = 3_000;

const waitUntil = async (done: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await sleep(50);
};

/**
 * SIGTERM: stop without losing what people are doing.
 * 1. /health answers 503 and the instance is marked stopping: the load balancer stops sending new requests
 *    here, and the other instances stop counting it.
 * 2. Host leases are released (the others take the hosts at once) and running jobs handed over.
 * 3. While other instances run, requests go on being served for `drainMs`, long enough for the load
 *    balancer's health checks to notice; alone, there is nobody to hand over to and nothing to wait for.
 * 4. The listener closes; event sockets and consoles close with RESTART_CLOSE_CODE (their pages reconnect,
 *    through the load balancer, to another instance); requests under way finish (FINISH_REQUESTS_MS at most).
 *    Seats on consoles still open then are given up (the other instances' presence lists drop them).
 * 5. Metrics and serial-log reading stop; connections to hosts, the bus and the database close.
 */
export async function stopGracefully(server: Server, upgrades: UpgradeGate, drainMs: number): Promise<void> {
  const others = (await liveInstances().catch(() => [])).filter((i) => i.id !== instanceId() && !i.stoppingAt);
  await beginStopping();
  const released = await hostLeases()
    ?.releaseAll()
    .catch((err: Error) => log.error(`shutdown: host leases not released (${err.message}); they run out by themselves`));
  if (released?.length) log.info(`shutdown: handed over ${released.length} host(s)`);
  await handOverJobs().catch((err: Error) => log.error(`shutdown: jobs not handed over (${err.message})`));
  if (others.length) await sleep(drainMs);

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  upgrades.closeAll();
  server.closeIdleConnections();
  await waitUntil(() => liveConnections().size === 0, CLOSE_SOCKETS_MS);
  // Seats of consoles that had not closed by now go too, before the bus does.
  consolePresence().leaveAll();
  await Promise.race([closed, sleep(FINISH_REQUESTS_MS)]);
  server.closeAllConnections();

  await stopMetrics().catch(() => undefined);
  stopSerialLogs();
  await Promise.allSettled([hostPool().closeAll(), stopInstance()]);
  await bus()
    .close()
    .catch(() => undefined);
  await db()
    .$disconnect()
    .catch(() => undefined);
}
