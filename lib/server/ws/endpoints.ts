import "server-only";
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type { Actor } from "../auth/session";
import { consoleEndpoint } from "../consoles/console-endpoint";
import { eventsHub } from "./events-hub";

export type WsEndpoint = {
  /** Runs after the session and Origin checks passed; may refuse with a status before the upgrade completes. */
  authorize?: (actor: Actor, req: IncomingMessage) => Promise<{ ok: true } | { ok: false; status: 403 | 404; message: string }>;
  connect: (ws: WebSocket, actor: Actor, req: IncomingMessage) => void;
};

/** Every WebSocket path the console serves. The access-control test reads this list. */
export const wsEndpoints: Record<string, WsEndpoint> = {
  "/ws/events": { connect: (ws, actor) => eventsHub().add(ws, actor) },
  "/ws/vnc": consoleEndpoint("vnc"),
  "/ws/spice": consoleEndpoint("spice"),
  "/ws/serial": consoleEndpoint("serial"),
};
