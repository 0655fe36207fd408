import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { WebSocketServer } from "ws";
import { actorFromToken, cookieFromHeader } from "@/lib/server/auth/session";
import { ensureFirstAdmin, ensureLocalHost } from "@/lib/server/bootstrap";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { applySecurityHeaders } from "@/lib/server/http/security-headers";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startMetrics, stopMetrics } from "@/lib/server/metrics/service";
import { migrate } from "@/lib/server/migrate";
import { authenticateUpgrade, rejectUpgrade } from "@/lib/server/ws/authenticate-upgrade";
import { wsEndpoints } from "@/lib/server/ws/endpoints";
import { eventsHub } from "@/lib/server/ws/events-hub";

const config = env();
const dev = config.NODE_ENV !== "production";

// Paths reachable without a session: the login page and what it needs to render.
// /metrics is for Prometheus, not browsers: its handler requires METRICS_TOKEN as a bearer token instead of a session.
const publicPaths = [/^\/login\/?$/, /^\/api\/auth\/login$/, /^\/_next\//, /^\/favicon\.ico$/, /^\/__nextjs/, /^\/metrics$/];

async function main() {
  const applied = await migrate(config.DATABASE_URL);
  if (applied.length) console.log(`database: applied ${applied.join(", ")}`);
  const adminPassword = await ensureFirstAdmin(config.ADMIN_PASSWORD);
  if (await ensureLocalHost(config.LOCAL_HOST_URI)) console.log(`hosts: registered ${config.LOCAL_HOST_URI} as "localhost"`);

  const app = next({ dev, hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    applySecurityHeaders(req, res);
    void gate(req, res).then(async (pass) => {
      if (pass) await handle(req, res);
    });
  });

  // noServer: a `path`-bound WebSocketServer answers 400 to every other upgrade, which breaks Next's HMR.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on("upgrade", (req, socket, head) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    const endpoint = wsEndpoints[pathname];
    if (!endpoint) return; // Next's own upgrade listener (HMR) takes the rest.
    void (async () => {
      const check = await authenticateUpgrade(req);
      if (!check.ok) return rejectUpgrade(socket, check.status, check.message);
      const allowed = endpoint.authorize ? await endpoint.authorize(check.actor, req) : { ok: true as const };
      if (!allowed.ok) return rejectUpgrade(socket, allowed.status, allowed.message);
      wss.handleUpgrade(req, socket, head, (ws) => endpoint.connect(ws, check.actor, req));
    })().catch((error) => {
      console.error("websocket upgrade failed:", error);
      rejectUpgrade(socket, 400, "upgrade failed");
    });
  });

  // Connect to every host now, so events flow and each host's status is known before anyone asks.
  for (const host of await db().host.findMany({ select: { id: true } }))
    hostPool()
      .get(host.id)
      .catch(() => undefined);
  // Performance graphs: samples every host each METRICS_INTERVAL_MS and writes the 1-minute/1-hour rollups.
  startMetrics();

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
    eventsHub().closeAll();
    wss.close();
    server.close(
      () =>
        void stopMetrics().finally(() => Promise.allSettled([hostPool().closeAll(), db().$disconnect()]).finally(() => process.exit(0))),
    );
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/**
 * Login is required everywhere: without a valid session, pages redirect to /login and API calls get 401.
 * Route handlers and layouts check again (and check roles); this is the net under them.
 */
async function gate(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://x");
  if (publicPaths.some((p) => p.test(url.pathname))) return true;
  if (await actorFromToken(cookieFromHeader(req.headers.cookie))) return true;
  if (url.pathname.startsWith("/api/")) {
    res.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "Sign in first" }));
  } else {
    const nextPath = url.pathname + url.search;
    res.writeHead(302, { Location: `/login${nextPath === "/" ? "" : `?next=${encodeURIComponent(nextPath)}`}` }).end();
  }
  return false;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
