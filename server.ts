import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { hostname } from "node:os";
import next from "next";
import { WebSocketServer } from "ws";
import { ensureFirstAdmin, ensureLocalHost } from "@/lib/server/bootstrap";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { applySecurityHeaders } from "@/lib/server/http/security-headers";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startMetrics, stopMetrics } from "@/lib/server/metrics/service";
import { migrate } from "@/lib/server/migrate";
import { beginStopping, startInstance, stopInstance } from "@/lib/server/cluster/instance";
import { PRIVATE_UMASK, secureDataDir } from "@/lib/server/data-dir";
import { networkList, stampClientAddress } from "@/lib/server/http/client-address";
import { frontDoor, refuse } from "@/lib/server/http/front-door";
import { createListener } from "@/lib/server/http/listener";
import { certificateFingerprint } from "@/lib/server/tls/certificate";
import { tlsFiles } from "@/lib/server/tls/settings";
import { markStarted } from "@/lib/server/http/health";
import { limits } from "@/lib/server/http/limits";
import { eventsHub } from "@/lib/server/ws/events-hub";
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
  markStarted("migrations");
  const adminPassword = await ensureFirstAdmin(config.ADMIN_PASSWORD);
  if (await ensureLocalHost(config.LOCAL_HOST_URI)) console.log(`hosts: registered ${config.LOCAL_HOST_URI} as "localhost"`);

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
      refusal: { status: 503, message: "Too many open connections from your address" },
    },
    (req, res) => {
      stampClientAddress(req, trustedProxies);
      applySecurityHeaders(req, res);
      frontDoor(req, res)
        .then(async (pass) => {
          if (pass) await handle(req, res);
        })
        .catch((error) => {
          console.error("request failed:", error);
          if (!res.headersSent) refuse(res, 500, "Something went wrong on the server; the details are in its log");
          else res.destroy();
        });
    },
  );
  const { server } = listener;
  server.timeout = limits.idleMs;
  server.keepAliveTimeout = 5_000;

  // noServer: a `path`-bound WebSocketServer answers 400 to every other upgrade, which breaks Next's HMR.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const upgrades = new UpgradeGate(wss, { passThrough: dev ? (pathname) => pathname.startsWith("/_next/") : undefined });
  server.on("upgrade", (req, socket, head) => upgrades.handle(req, socket, head, stampClientAddress(req, trustedProxies)));

  // Connect to every host now, so events flow and each host's status is known before anyone asks.
  for (const host of await db().host.findMany({ select: { id: true } }))
    hostPool()
      .get(host.id)
      .catch(() => undefined);
  markStarted("hosts");
  // Performance graphs: samples every host each METRICS_INTERVAL_MS and writes the 1-minute/1-hour rollups.
  startMetrics();

  // One of possibly several instances sharing the database (a single one with the SQLite default).
  await startInstance(config.INSTANCE_ADDRESS ?? `${hostname()}:${config.PORT}`);

  listener.listen(config.PORT, config.HOST, () => {
    const shownHost = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
    console.log(`virt-console ready on ${tls ? "https" : "http"}://${shownHost}:${config.PORT} (${dev ? "development" : "production"})`);
    if (tls) {
      const fingerprint = certificateFingerprint(readFileSync(tls.certFile));
      if (tls.selfSigned) {
        console.log(`  Certificate (self-signed${tls.created ? ", made now" : ""}: ${tls.certFile}) SHA-256 fingerprint:`);
        console.log(`  ${fingerprint}`);
        console.log("  Compare it with what your browser shows before you accept it, or set TLS_CERT_FILE and TLS_KEY_FILE.");
      } else console.log(`  Certificate ${tls.certFile}, SHA-256 ${fingerprint}`);
    }
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
    void beginStopping();
    eventsHub().closeAll();
    wss.close();
    server.close(
      () =>
        void stopMetrics().finally(() =>
          Promise.allSettled([hostPool().closeAll(), stopInstance()])
            .then(() => db().$disconnect())
            .finally(() => process.exit(0)),
        ),
    );
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
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

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
