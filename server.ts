import { createServer } from "node:http";
import { hostname } from "node:os";
import next from "next";
import { WebSocketServer } from "ws";
import { ensureFirstAdmin, ensureLocalHost } from "@/lib/server/bootstrap";
import { env } from "@/lib/server/env";
import { applySecurityHeaders } from "@/lib/server/http/security-headers";
import { startMetrics } from "@/lib/server/metrics/service";
import { migrate } from "@/lib/server/migrate";
import { startInstance } from "@/lib/server/cluster/instance";
import { startJobService } from "@/lib/server/jobs/service";
import { serveInstanceRequest } from "@/lib/server/cluster/instance-endpoints";
import { startCluster } from "@/lib/server/cluster/start-cluster";
import { stopGracefully } from "@/lib/server/cluster/graceful-stop";
import { PRIVATE_UMASK, secureDataDir } from "@/lib/server/data-dir";
import { networkList, stampClientAddress } from "@/lib/server/http/client-address";
import { frontDoor, refuse } from "@/lib/server/http/front-door";
import { limits } from "@/lib/server/http/limits";
import { UpgradeGate } from "@/lib/server/ws/upgrade";

// Everything the console writes is for its own user only (the database holds password hashes and the audit log).
process.umask(PRIVATE_UMASK);

const config = env();
const dev = config.NODE_ENV !== "production";
const trustedProxies = networkList(config.TRUSTED_PROXIES);

async function main() {
  const tightened = await secureDataDir(config.DATA_DIR);
  if (tightened.length)
    console.log(`data: made ${tightened.length} path(s) in ${config.DATA_DIR} private to this user: ${tightened.slice(0, 5).join(", ")}`);
  const applied = await migrate(config.DATABASE_URL);
  if (applied.length) console.log(`database: applied ${applied.join(", ")}`);
  const adminPassword = await ensureFirstAdmin(config.ADMIN_PASSWORD);
  if (await ensureLocalHost(config.LOCAL_HOST_URI)) console.log(`hosts: registered ${config.LOCAL_HOST_URI} as "localhost"`);

  const app = next({ dev, hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Headers must arrive promptly (checked every second, not Node's default 30 s) and idle connections close.
  // No limit on a whole request's time: uploads of large images legitimately take long.
  const server = createServer({ headersTimeout: limits.headersMs, requestTimeout: 0, connectionsCheckingInterval: 1_000 }, (req, res) => {
    stampClientAddress(req, trustedProxies);
    applySecurityHeaders(req, res);
    // /health for the load balancer, /internal/* for the other instances.
    if (serveInstanceRequest(req, res)) return;
    frontDoor(req, res)
      .then(async (pass) => {
        if (pass) await handle(req, res);
      })
      .catch((error) => {
        console.error("request failed:", error);
        if (!res.headersSent) refuse(res, 500, "Something went wrong on the server; the details are in its log");
        else res.destroy();
      });
  });
  server.timeout = limits.idleMs;
  server.keepAliveTimeout = 5_000;
  limitConnectionsPerAddress(server);

  // noServer: a `path`-bound WebSocketServer answers 400 to every other upgrade, which breaks Next's HMR.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const upgrades = new UpgradeGate(wss, { passThrough: dev ? (pathname) => pathname.startsWith("/_next/") : undefined });
  server.on("upgrade", (req, socket, head) => upgrades.handle(req, socket, head, stampClientAddress(req, trustedProxies)));

  // One of possibly several instances sharing the database (a single one with the SQLite default).
  await startInstance(config.INSTANCE_ADDRESS ?? `${hostname()}:${config.PORT}`);
  // Performance graphs: samples the hosts this instance holds each METRICS_INTERVAL_MS and writes their rollups.
  startMetrics();
  // Live events, access changes and host commands between instances; this instance's share of the hosts
  // (connected now, so events flow and each host's status is known before anyone asks).
  startCluster();
  // Jobs of instances that went away are taken over; scheduled runs start (lib/server/jobs/service.ts).
  await startJobService();

  server.listen(config.PORT, config.HOST, () => {
    const shownHost = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
    console.log(`virt-console ready on http://${shownHost}:${config.PORT} (${dev ? "development" : "production"})`);
    if (adminPassword) {
      console.log("");
      console.log("  First start: created user 'admin'.");
      if (!config.ADMIN_PASSWORD) console.log(`  Password (shown once, change it after signing in): ${adminPassword}`);
      else console.log("  Password: the ADMIN_PASSWORD you set.");
      console.log("");
    }
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    // Whatever happens, the process is gone well within a container's usual grace period.
    setTimeout(() => process.exit(0), config.SHUTDOWN_DRAIN_MS + 15_000).unref();
    stopGracefully(server, upgrades, config.SHUTDOWN_DRAIN_MS)
      .catch((error) => console.error("shutdown:", error))
      .finally(() => {
        wss.close();
        process.exit(0);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** One address may hold only so many TCP connections (trusted proxies carry many people and are exempt). */
function limitConnectionsPerAddress(server: ReturnType<typeof createServer>): void {
  const open = new Map<string, number>();
  server.on("connection", (socket) => {
    const address = socket.remoteAddress ?? "";
    if (trustedProxies.matches(address)) return;
    const n = (open.get(address) ?? 0) + 1;
    if (n > limits.connectionsPerAddress) {
      const body = "Too many open connections from your address";
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`, () =>
        socket.destroy(),
      );
      return;
    }
    open.set(address, n);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
