import "server-only";
import { connect } from "node:net";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import { Domain } from "@/lib/xml";
import type { GuestTarget } from "../guests/guest-target";
import type { EarlyMessages } from "./early-messages";

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
export function relayVnc(ws: WebSocket, tcp: Duplex, early: EarlyMessages): Promise<{ bytesIn: number; bytesOut: number }> {
  let bytesIn = 0;
  let bytesOut = 0;
  return new Promise((resolve) => {
    let done = false;
    const finish = (code: number, reason: string) => {
      if (done) return;
      done = true;
      tcp.destroy();
      if (ws.readyState === ws.OPEN) ws.close(code, reason);
      resolve({ bytesIn, bytesOut });
    };
    tcp.on("data", (chunk) => {
      bytesOut += chunk.length;
      ws.send(chunk, { binary: true });
      // Slow browser: stop reading from QEMU until the socket drains.
      if (ws.bufferedAmount > 4 * 1024 * 1024) {
        tcp.pause();
        const wait = setInterval(() => {
          if (ws.bufferedAmount < 1024 * 1024 || ws.readyState !== ws.OPEN) {
            clearInterval(wait);
            tcp.resume();
          }
        }, 20);
      }
    });
    tcp.on("end", () => finish(1000, "The guest's display closed"));
    tcp.on("error", (err) => finish(1011, `VNC server: ${err.message}`.slice(0, 120)));
    early.handOver((data) => {
      bytesIn += data.length;
      tcp.write(data);
    });
    ws.on("close", () => finish(1000, "closed"));
  });
}
