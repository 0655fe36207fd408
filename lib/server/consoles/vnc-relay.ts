import "server-only";
import { connect, type Socket } from "node:net";
import type { WebSocket } from "ws";
import { parseUri } from "@/lib/libvirt";
import { Domain } from "@/lib/xml";
import type { GuestTarget } from "../guests/guest-target";

export class ConsoleUnavailableError extends Error {
  override name = "ConsoleUnavailableError";
}

/** Where the guest's VNC server listens, from its live XML (ports are only known while it runs). */
export async function vncEndpoint({ lv, dom }: GuestTarget, hostUri: string): Promise<{ host: string; port: number }> {
  const graphics = Domain.parse(await lv.domains.xml(dom, 0)).devices.graphics.find((g) => g.type === "vnc");
  if (!graphics) throw new ConsoleUnavailableError("This guest has no VNC display");
  const uri = parseUri(hostUri);
  if (uri.host) throw new ConsoleUnavailableError("VNC consoles of remote hosts are not available yet; use the serial console");
  if (graphics.listenType === "socket") throw new ConsoleUnavailableError("This guest's VNC display listens on a UNIX socket, which the console cannot reach yet");
  if (!graphics.port || graphics.port < 0) throw new ConsoleUnavailableError("The guest's VNC display has no port yet");
  const listen = graphics.listenAddress ?? graphics.listen ?? "127.0.0.1";
  // A wildcard listen is reachable on loopback; anything else is dialled as configured.
  const host = listen === "0.0.0.0" || listen === "::" ? "127.0.0.1" : listen;
  return { host, port: graphics.port };
}

/** Relays raw RFB bytes between the WebSocket (binary frames, as noVNC speaks) and the VNC server. */
export function relayVnc(ws: WebSocket, endpoint: { host: string; port: number }): Promise<{ bytesIn: number; bytesOut: number }> {
  const tcp: Socket = connect(endpoint.port, endpoint.host);
  tcp.setNoDelay(true);
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
    ws.on("message", (data: Buffer) => {
      bytesIn += data.length;
      tcp.write(data);
    });
    ws.on("close", () => finish(1000, "closed"));
  });
}
