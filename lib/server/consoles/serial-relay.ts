import "server-only";
import type { WebSocket } from "ws";
import type { GuestTarget } from "../guests/guest-target";
import type { EarlyMessages } from "./early-messages";
import type { ConsoleTarget } from "./tickets";

// virDomainConsoleFlags: FORCE takes the console from another session, SAFE refuses if one holds it.
const CONSOLE_FORCE = 1;
const CONSOLE_SAFE = 2;

/**
 * The guest's serial console over libvirt's console stream (so it works the same for remote hosts,
 * and the host needs no PTY access): bytes both ways, binary frames.
 */
export async function relaySerial(ws: WebSocket, { lv, dom }: GuestTarget, target: ConsoleTarget, early: EarlyMessages): Promise<{ bytesIn: number; bytesOut: number }> {
  const stream = await lv.domains.openConsole(dom, { device: target.device, flags: target.force ? CONSOLE_FORCE : CONSOLE_SAFE });
  let bytesIn = 0;
  let bytesOut = 0;
  return new Promise((resolve) => {
    let done = false;
    const finish = (code: number, reason: string) => {
      if (done) return;
      done = true;
      stream.destroy();
      if (ws.readyState === ws.OPEN) ws.close(code, reason);
      resolve({ bytesIn, bytesOut });
    };
    stream.on("data", (chunk: Buffer) => {
      bytesOut += chunk.length;
      ws.send(chunk, { binary: true });
    });
    stream.on("end", () => finish(1000, "The guest's console closed"));
    stream.on("error", (err: Error) => finish(1011, err.message.slice(0, 120)));
    early.handOver((data) => {
      bytesIn += data.length;
      stream.write(data);
    });
    ws.on("close", () => finish(1000, "closed"));
  });
}
