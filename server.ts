import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { hostname } from "node:os";
import next from "next";
import { WebSocketServer } from "ws";
import { ensureFirstAdmin, ensureLocalHost } from "@/lib/server/bootstrap";
import { env } from "@/lib/server/env";
import { applySecurityHeaders } from "@/lib/server/http/security-headers";
import { compressibleJson } from "@/lib/server/http/compressible-json";
import { startMetrics } from "@/lib/server/metrics/service";
import { consolePresence } from "@/lib/server/consoles/presence";
import { startSerialLogs } from "@/lib/server/consoles/serial-log/service";
import { migrate } from "@/lib/server/migrate";
import { startInstance } from "@/lib/server/cluster/instance";
import { startJobService } from "@/lib/server/jobs/service";
import { startAlerts } from "@/lib/server/alerts/service";
import { startBalancing } from "@/lib/server/host-clusters/balance-round";
import { startReports } from "@/lib/server/reports/usage-mail";
import { startFleetForecasts } from "@/lib/server/forecasts/fleet-forecasts";
import { serveInstanceRequest } from "@/lib/server/cluster/instance-endpoints";
import { startCluster } from "@/lib/server/cluster/start-cluster";
import { stopGracefully } from "@/lib/server/cluster/graceful-stop";
import { PRIVATE_UMASK, secureDataDir } from "@/lib/server/data-dir";
import { errorFields, log } from "@/lib/server/log";
import { newRequestId, runInRequest } from "@/lib/server/request-context";
import { networkList, stampClientAddress } from "@/lib/server/http/client-address";
import { frontDoor, refuse } from "@/lib/server/http/front-door";
import { createListener } from "@/lib/server/http/listener";
import { certificateFingerprint } from "@/lib/server/tls/certificate";
import { tlsFiles } from "@/lib/server/tls/settings";
import { markStarted } from "@/lib/server/http/health";
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
    log.info({ dataDir: config.DATA_DIR, paths: tightened.slice(0, 20) }, `data: made ${tightened.length} path(s) private to this user`);
  const applied = await migrate(config.DATABASE_URL);
  if (applied.length) log.info({ migrations: applied }, "database: applied migrations");
  markStarted("migrations");
  const adminPassword = await ensureFirstAdmin(config.ADMIN_PASSWORD);
  if (await ensureLocalHost(config.LOCAL_HOST_URI))
    log.info({ uri: config.LOCAL_HOST_URI }, 'hosts: registered this machine as "localhost"');

  const app = next({ dev, hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Headers must arrive promptly (checked every second, not Node's default 30 s) and idle connections close.
  // No limit on a whole request's time: uploads of large images legitimately take long.
  const tls = tlsFiles(config);
  const listener = createListener(
    {
      tls,
      server: { headersTimeout: limits.headersMs, requestTimeout: 0, connectionsCheckingInterval: 1_000 },
      admit: connectionLimiter(),
      refusal: { status: 503, message: "Too many open connections from your address", key: "tooManyConnections" },
    },
    (req, res) => {
      const client = stampClientAddress(req, trustedProxies);
      const requestId = requestIdFor(req);
      res.setHeader("X-Request-Id", requestId);
      applySecurityHeaders(req, res);
      logRequest(req, res, client, requestId);
      // /internal/* for the other instances.
      if (serveInstanceRequest(req, res)) return;
      runInRequest({ requestId }, () =>
        frontDoor(req, res)
          .then(async (pass) => {
            if (!pass) return;
            compressibleJson(res);
            await handle(req, res);
          })
          .catch((error) => {
            log.error(errorFields(error), "request failed");
            if (!res.headersSent) refuse(res, 500, "Something went wrong on the server; the details are in its log");
            else res.destroy();
          }),
      );
    },
  );
  const { server } = listener;
  server.timeout = limits.idleMs;
  server.keepAliveTimeout = 5_000;

  // noServer: a `path`-bound WebSocketServer answers 400 to every other upgrade, which breaks Next's HMR.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const upgrades = new UpgradeGate(wss, { passThrough: dev ? (pathname) => pathname.startsWith("/_next/") : undefined });
  server.on("upgrade", (req, socket, head) =>
    runInRequest({ requestId: requestIdFor(req) }, () => upgrades.handle(req, socket, head, stampClientAddress(req, trustedProxies))),
  );

  // One of possibly several instances sharing the database (a single one with the SQLite default).
  await startInstance(config.INSTANCE_ADDRESS ?? `${hostname()}:${config.PORT}`);
  // Performance graphs: samples the hosts this instance holds each METRICS_INTERVAL_MS and writes their rollups.
  startMetrics();
  // Serial console logs: what guests write to serial ports with a log file is kept, read from those files
  // (of the hosts this instance holds).
  startSerialLogs();
  // Live events, access changes and host commands between instances; this instance's share of the hosts
  // (connected now, so events flow and each host's status is known before anyone asks).
  startCluster();
  // Who is on which console, shared with the other instances (and their invitations) over the bus.
  consolePresence();
  markStarted("hosts");
  // Jobs of instances that went away are taken over; scheduled runs start (lib/server/jobs/service.ts).
  await startJobService();
  // Alert rules are evaluated and notifications sent on the scheduler, once across instances (lib/server/alerts/).
  await startAlerts();
  // The monthly usage report by e-mail, on the scheduler too (lib/server/reports/usage-mail.ts).
  await startReports();
  // The fleet's capacity forecasts, worked out hourly on one instance for the dashboard (lib/server/forecasts/).
  await startFleetForecasts();
  // Clusters with balancing on are checked every minute for busy members, on one instance (host-clusters/balance-round.ts).
  await startBalancing();

  listener.listen(config.PORT, config.HOST, () => {
    const shownHost = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
    const url = `${tls ? "https" : "http"}://${shownHost}:${config.PORT}`;
    const fingerprint = tls ? certificateFingerprint(readFileSync(tls.certFile)) : undefined;
    log.info(
      { url, mode: dev ? "development" : "production", certificate: tls?.certFile, selfSigned: tls?.selfSigned, fingerprint },
      `virt-console ready on ${url}`,
    );
    // For the person who started it, in words (the log line above has the same facts for machines).
    const lines = [`virt-console is ready on ${url}`];
    if (tls?.selfSigned) {
      lines.push(`Its certificate is self-signed (${tls.certFile}). SHA-256 fingerprint:`, `  ${fingerprint}`);
      lines.push("Compare it with what your browser shows before you accept it, or set TLS_CERT_FILE and TLS_KEY_FILE.");
    }
    if (adminPassword) {
      lines.push("First start: created user 'admin'.");
      // The one secret the console ever prints, and only here, once: to the terminal, never as a log line.
      lines.push(
        config.ADMIN_PASSWORD
          ? "Password: the ADMIN_PASSWORD you set."
          : `Password (shown once, change it after signing in): ${adminPassword}`,
      );
    }
    process.stderr.write(`\n${lines.map((l) => `  ${l}`).join("\n")}\n\n`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // Whatever happens, the process is gone well within a container's usual grace period.
    setTimeout(() => process.exit(0), config.SHUTDOWN_DRAIN_MS + 15_000).unref();
    stopGracefully(server, upgrades, config.SHUTDOWN_DRAIN_MS)
      .catch((error) => log.error(errorFields(error), "shutdown failed"))
      .finally(() => {
        wss.close();
        process.exit(0);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** One address may hold only so many TCP connections (trusted proxies carry many people and are exempt). */
function connectionLimiter(): (socket: Socket) => boolean {
  const open = new Map<string, number>();
  return (socket) => {
    const address = socket.remoteAddress ?? "";
    if (trustedProxies.matches(address)) return true;
    const n = (open.get(address) ?? 0) + 1;
    if (n > limits.connectionsPerAddress) return false;
    open.set(address, n);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
    return true;
  };
}

/** A trusted proxy's request id is kept (so one id follows the request through both); anyone else's is replaced. */
function requestIdFor(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  const fromProxy = trustedProxies.matches(req.socket.remoteAddress ?? "");
  return fromProxy && typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : newRequestId();
}

/** One line per request once it is answered: method, path (never the query: tickets travel there), status, time. */
function logRequest(req: IncomingMessage, res: ServerResponse, client: string, requestId: string): void {
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    const path = (req.url ?? "").split("?")[0];
    if (path.startsWith("/_next/static/")) return;
    log.info(
      { requestId, method: req.method, path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, client },
      "request",
    );
  });
}

main().catch((error) => {
  log.fatal(errorFields(error), error instanceof Error ? error.message : String(error));
  process.exit(1);
});
