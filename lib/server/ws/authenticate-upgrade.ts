import "server-only";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { actorFromToken, cookieFromHeader, type Actor } from "../auth/session";
import { isSameOrigin, nodeHeaderGetter } from "../http/origin";

export type UpgradeCheck = { ok: true; actor: Actor } | { ok: false; status: 401 | 403; message: string };

/** Every WebSocket endpoint starts here: the Origin must be this console and the session cookie valid. */
export async function authenticateUpgrade(req: IncomingMessage): Promise<UpgradeCheck> {
  const get = nodeHeaderGetter(req.headers);
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  if (!get("origin") || !isSameOrigin(get, encrypted)) return { ok: false, status: 403, message: "Cross-site WebSocket refused" };
  const actor = await actorFromToken(cookieFromHeader(get("cookie") ?? undefined));
  if (!actor) return { ok: false, status: 401, message: "Sign in first" };
  return { ok: true, actor };
}

export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const reason = status === 401 ? "Unauthorized" : status === 403 ? "Forbidden" : status === 404 ? "Not Found" : "Bad Request";
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
