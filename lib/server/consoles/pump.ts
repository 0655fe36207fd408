import "server-only";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { EarlyMessages } from "./early-messages";

export type Traffic = { bytesIn: number; bytesOut: number };

const PAUSE_ABOVE = 8 * 1024 * 1024;
const RESUME_BELOW = 2 * 1024 * 1024;

/**
 * Bytes both ways between a console WebSocket (binary frames) and the guest's side, until either
 * closes. A slow browser pauses reading from the guest until its socket drains.
 */
export function pump(ws: WebSocket, guest: Duplex, early: EarlyMessages, words: { ended: string; failed: string }): Promise<Traffic> {
  const traffic: Traffic = { bytesIn: 0, bytesOut: 0 };
  return new Promise((resolve) => {
    let done = false;
    const finish = (code: number, reason: string) => {
      if (done) return;
      done = true;
      guest.destroy();
      if (ws.readyState === ws.OPEN) ws.close(code, reason);
      resolve(traffic);
    };
    // Resumes as soon as the browser's socket has taken enough (each send's callback fires when its
    // bytes reach the kernel), rather than on a timer that would leave the link idle.
    let paused = false;
    const sent = () => {
      if (paused && (ws.bufferedAmount < RESUME_BELOW || ws.readyState !== ws.OPEN)) {
        paused = false;
        guest.resume();
      }
    };
    guest.on("data", (chunk: Buffer) => {
      traffic.bytesOut += chunk.length;
      ws.send(chunk, { binary: true }, sent);
      if (!paused && ws.bufferedAmount > PAUSE_ABOVE) {
        paused = true;
        guest.pause();
      }
    });
    guest.on("end", () => finish(1000, words.ended));
    guest.on("error", (err: Error) => finish(1011, `${words.failed}${err.message}`.slice(0, 120)));
    early.handOver((data) => {
      traffic.bytesIn += data.length;
      guest.write(data);
    });
    ws.on("close", () => finish(1000, "closed"));
    if (ws.readyState !== ws.OPEN) finish(1000, "closed");
    // A handshake before the pump may have paused the guest's side.
    guest.resume();
  });
}
