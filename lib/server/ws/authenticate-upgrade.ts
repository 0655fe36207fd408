import "server-only";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { actorFromToken, cookieFromHeader, type Actor } from "../auth/session";
import type { Said } from "../http/errors";
import { isSameOrigin, nodeHeaderGetter } from "../http/origin";
import { translateError } from "../http/translate-error";
import { localeFor } from "../i18n/translator";

export type UpgradeCheck = { ok: true; actor: Actor } | { ok: false; status: 401 | 403; said: Said };

/** Every WebSocket endpoint starts here: the Origin must be this console and the session cookie valid. */
export async function authenticateUpgrade(req: IncomingMessage): Promise<UpgradeCheck> {
  const get = nodeHeaderGetter(req.headers);
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  if (!get("origin") || !isSameOrigin(get, encrypted)) return { ok: false, status: 403, said: { key: "crossSiteSocket" } };
  const actor = await actorFromToken(cookieFromHeader(get("cookie") ?? undefined));
  if (!actor) return { ok: false, status: 401, said: { key: "signInFirst" } };
  return { ok: true, actor };
}

const statusText: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  429: "Too Many Requests",
};

/**
 * An upgrade's refusal in the asker's language: sockets have no route(), so it is the person's stored choice once
 * they are known, else what the upgrade request's Accept-Language asks for.
 */
export async function refuseUpgrade(
  socket: Duplex,
  req: IncomingMessage,
  status: number,
  said: Said,
  person?: { locale?: string | null },
): Promise<void> {
  const { error } = await translateError(localeFor(person, req.headers["accept-language"]), said);
  rejectUpgrade(socket, status, error);
}

/** Answers an upgrade with an HTTP status and destroys the socket once the answer is written. */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed || !socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${statusText[status] ?? "Error"}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
  // A peer that never reads must not keep the socket: give the answer a moment, then let go regardless.
  setTimeout(() => socket.destroy(), 2_000).unref();
}
