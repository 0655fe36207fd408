import "server-only";
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import { consoleEndpoint } from "../consoles/console-endpoint";
import type { Said } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { eventsHub } from "./events-hub";

export type WsEndpoint = {
  /** Runs after the session and Origin checks passed; may refuse with a status before the upgrade completes. */
  authorize?: (ctx: VerbContext, req: IncomingMessage) => Promise<{ ok: true } | { ok: false; status: 403 | 404; said: Said }>;
  /** `ctx` is built once by the upgrade gate (ws/upgrade.ts), as the route guard builds it for a request. */
  connect: (ws: WebSocket, ctx: VerbContext, req: IncomingMessage) => void;
};

/** Every WebSocket path the console serves. The access-control test reads this list. */
export const wsEndpoints: Record<string, WsEndpoint> = {
  "/ws/events": { connect: (ws, { actor }) => eventsHub().add(ws, actor) },
  "/ws/vnc": consoleEndpoint("vnc"),
  "/ws/spice": consoleEndpoint("spice"),
  "/ws/serial": consoleEndpoint("serial"),
};
