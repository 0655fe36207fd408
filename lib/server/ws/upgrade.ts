import "server-only";
import { errorFields, log } from "../log";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import { RESTART_CLOSE_CODE, RESTART_CLOSE_REASON } from "@/lib/restart-close-code";
import { isStopping } from "../cluster/instance";
import { requestPathname } from "../http/front-door";
import { limits } from "../http/limits";
import { authenticateUpgrade, rejectUpgrade } from "./authenticate-upgrade";
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
    if (!endpoint) return rejectUpgrade(socket, 404, "There is no WebSocket here");
    // Stopping: the load balancer sends the page to another instance on its next try.
    if (this.closing || isStopping()) return rejectUpgrade(socket, 503, "This server is restarting; try again");
    if (!this.take(this.perAddress, address, limits.websocketsPerAddress, socket)) {
      return rejectUpgrade(socket, 429, "Too many open connections from your address; close some pages or consoles");
    }
    const deadline = setTimeout(() => rejectUpgrade(socket, 408, "The connection took too long to open"), limits.upgradeMs);
    void (async () => {
      const check = await authenticateUpgrade(req);
      if (!check.ok) return rejectUpgrade(socket, check.status, check.message);
      const allowed = endpoint.authorize ? await endpoint.authorize(check.actor, req) : { ok: true as const };
      if (!allowed.ok) return rejectUpgrade(socket, allowed.status, allowed.message);
      if (socket.destroyed) return;
      if (!this.take(this.perUser, check.actor.id, limits.websocketsPerUser, socket)) {
        return rejectUpgrade(socket, 429, "You have too many pages and consoles open; close some and try again");
      }
      clearTimeout(deadline);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.open.add(ws);
        ws.once("close", () => this.open.delete(ws));
        keepAlive(ws);
        endpoint.connect(ws, check.actor, req);
      });
    })()
      .catch((error) => {
        log.error(errorFields(error), "websocket upgrade failed");
        rejectUpgrade(socket, 400, "The connection could not be opened");
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
