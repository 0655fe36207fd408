import "server-only";
import { connect } from "node:net";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import { Domain } from "@/lib/xml";
import type { GuestTarget } from "../guests/guest-target";
import type { EarlyMessages } from "./early-messages";
import { pump, type Traffic } from "./pump";

export class ConsoleUnavailableError extends Error {
  override name = "ConsoleUnavailableError";
}

/** Where the guest's VNC server listens on its host, from its live XML (ports are only known while it runs). */
export async function vncEndpoint({ lv, dom }: GuestTarget): Promise<{ host: string; port: number }> {
  const graphics = Domain.parse(await lv.domains.xml(dom, 0)).devices.graphics.find((g) => g.type === "vnc");
  if (!graphics) throw new ConsoleUnavailableError("This guest has no VNC display");
  if (graphics.listenType === "socket") throw new ConsoleUnavailableError("This guest's VNC display listens on a UNIX socket, which the console cannot reach yet");
  if (!graphics.port || graphics.port < 0) throw new ConsoleUnavailableError("The guest's VNC display has no port yet");
  const listen = graphics.listenAddress ?? graphics.listen ?? "127.0.0.1";
  // A wildcard listen is reachable on loopback; anything else is dialled as configured.
  const host = listen === "0.0.0.0" || listen === "::" ? "127.0.0.1" : listen;
  return { host, port: graphics.port };
}

/** A direct TCP connection, for displays on this machine. */
export function connectLocal(endpoint: { host: string; port: number }): Duplex {
  return connect({ port: endpoint.port, host: endpoint.host, noDelay: true });
}

/** Relays raw RFB bytes between the WebSocket (binary frames, as noVNC speaks) and the VNC server. */
export function relayVnc(ws: WebSocket, tcp: Duplex, early: EarlyMessages): Promise<Traffic> {
  return pump(ws, tcp, early, { ended: "The guest's display closed", failed: "VNC server: " });
}
