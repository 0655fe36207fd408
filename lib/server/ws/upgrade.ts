import "server-only";
import { errorFields, log } from "../log";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import { RESTART_CLOSE_CODE, RESTART_CLOSE_REASON } from "@/lib/restart-close-code";
import { isStopping } from "../cluster/instance";
import { requestPathname } from "../http/front-door";
import { limits } from "../http/limits";
import { authenticateUpgrade, refuseUpgrade } from "./authenticate-upgrade";
import type { Actor } from "../auth/session";
import type { ErrorKey } from "../http/errors";
import { verbContext } from "../verb-context";
import { wsEndpoints } from "./endpoints";

/**
 * Every WebSocket upgrade ends in exactly one of two ways: handed to its endpoint, or answered with an HTTP
 * status and its socket destroyed. Nothing is left half-open (an unanswered upgrade used to stay in
 * CLOSE-WAIT until the process ran out of descriptors). Checks must finish within a deadline, and one client
 * address or one person may hold only so many sockets.
 */
export class UpgradeGate {
  private readonly perAddress = new Map<string, number>();
  private readonly perUser = new Map<string, number>();
  private readonly open = new Set<WebSocket>();
  private closing = false;

  constructor(
    private readonly wss: WebSocketServer,
    private readonly options: { passThrough?: (pathname: string) => boolean } = {},
  ) {}

  handle(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): void {
    socket.on("error", () => socket.destroy());
    const pathname = requestPathname(req.url);
    if (pathname !== null && this.options.passThrough?.(pathname)) return; // Next's own (HMR in development)
    const endpoint = pathname === null ? undefined : wsEndpoints[pathname];
    // Refusals in the asker's language (refuseUpgrade); a failure to word one still closes the socket.
    const refuse = (status: number, key: ErrorKey, person?: Actor) =>
      refuseUpgrade(socket, req, status, { key }, person).catch(() => socket.destroy());
    if (!endpoint) return void refuse(404, "noWebSocket");
    // Stopping: the load balancer sends the page to another instance on its next try.
    if (this.closing || isStopping()) return void refuse(503, "serverRestarting");
    if (!this.take(this.perAddress, address, limits.websocketsPerAddress, socket)) return void refuse(429, "tooManyFromAddress");
    const deadline = setTimeout(() => void refuse(408, "upgradeTooSlow"), limits.upgradeMs);
    void (async () => {
      const check = await authenticateUpgrade(req);
      if (!check.ok) return refuseUpgrade(socket, req, check.status, check.said);
      // Built once here, as the route guard does for a request: who, from which address, in which request.
      const ctx = verbContext(check.actor, address);
      const allowed = endpoint.authorize ? await endpoint.authorize(ctx, req) : { ok: true as const };
      if (!allowed.ok) return refuseUpgrade(socket, req, allowed.status, allowed.said, check.actor);
      if (socket.destroyed) return;
      if (!this.take(this.perUser, check.actor.id, limits.websocketsPerUser, socket)) return refuse(429, "tooManySockets", check.actor);
      clearTimeout(deadline);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.open.add(ws);
        ws.once("close", () => this.open.delete(ws));
        keepAlive(ws);
        endpoint.connect(ws, ctx, req);
      });
    })()
      .catch((error) => {
        log.error(errorFields(error), "websocket upgrade failed");
        return refuse(400, "socketNotOpened");
      })
      .finally(() => clearTimeout(deadline));
  }

  /**
   * Graceful stop: no new sockets, and every open one (event sockets, consoles) closes with RESTART_CLOSE_CODE,
   * which makes its page connect again at once, through the load balancer to another instance.
   */
  closeAll(): void {
    this.closing = true;
    for (const ws of this.open) ws.close(RESTART_CLOSE_CODE, RESTART_CLOSE_REASON);
  }

  /** Counts the socket against `key` until it closes; false (nothing counted) when the limit is reached. */
  private take(counts: Map<string, number>, key: string, limit: number, socket: Duplex): boolean {
    const n = counts.get(key) ?? 0;
    if (n >= limit) return false;
    counts.set(key, n + 1);
    socket.once("close", () => {
      const left = (counts.get(key) ?? 1) - 1;
      if (left <= 0) counts.delete(key);
      else counts.set(key, left);
    });
    return true;
  }
}

const HEARTBEAT_MS = 30_000;

/** A browser that vanished without closing (a laptop lid, a dropped link) stops holding its socket after a missed ping. */
function keepAlive(ws: WebSocket): void {
  let answered = true;
  ws.on("pong", () => (answered = true));
  const beat = setInterval(() => {
    if (!answered) return ws.terminate();
    answered = false;
    ws.ping();
  }, HEARTBEAT_MS);
  beat.unref();
  ws.on("close", () => clearInterval(beat));
}
