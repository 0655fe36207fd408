import "server-only";
import type { WebSocket } from "ws";
import { closeReason, type CloseWords, type ConsoleErrorKey } from "@/lib/consoles/close-words";
import { closeReasonOf } from "./console-error";
import type { EarlyMessages } from "./early-messages";
import type { GuestSide } from "./guest-chunks";

export type Traffic = { bytesIn: number; bytesOut: number };

// Chunks sent to the browser but not yet taken by its socket: each may pin one of the guest side's read
// buffers, so the queue is counted in chunks. The kernel's socket buffers keep the link busy meanwhile.
const PAUSE_AT_QUEUED = 4;
const RESUME_AT_QUEUED = 1;
const BINARY = { binary: true };

/**
 * Bytes both ways between a console WebSocket (binary frames) and the guest's side, until either
 * closes. A slow browser pauses reading from the guest until its socket has taken what was sent.
 * `inbound`, when given, takes the browser's bytes instead of the guest's stream (it writes what may pass);
 * if it throws, the session ends with its message.
 */
export function pump(
  ws: WebSocket,
  guest: GuestSide,
  early: EarlyMessages,
  words: { ended: CloseWords; failed?: ConsoleErrorKey },
  inbound?: (data: Buffer) => void,
): Promise<Traffic> {
  const traffic: Traffic = { bytesIn: 0, bytesOut: 0 };
  const { stream, chunks } = guest;
  return new Promise((resolve) => {
    let done = false;
    const finish = (code: number, reason: string) => {
      if (done) return;
      done = true;
      stream.destroy();
      if (ws.readyState === ws.OPEN) ws.close(code, reason);
      resolve(traffic);
    };
    // Resumes as soon as the browser's socket has taken enough (each send's callback fires when its
    // bytes reach the kernel), rather than on a timer that would leave the link idle.
    let paused = false;
    let queued = 0;
    const sent = () => {
      queued--;
      if (paused && (queued <= RESUME_AT_QUEUED || ws.readyState !== ws.OPEN)) {
        paused = false;
        stream.resume();
      }
    };
    chunks.setSink((chunk) => {
      traffic.bytesOut += chunk.length;
      let release: (() => void) | null = null;
      // `ws` frames the chunk without copying it; the socket takes it at once unless the browser is behind.
      queued++;
      ws.send(chunk, BINARY, () => {
        release?.();
        sent();
      });
      // Anything still queued includes this chunk (it was written last): its buffer must not be read into.
      if (ws.bufferedAmount > 0) release = chunks.hold();
      if (!paused && queued >= PAUSE_AT_QUEUED) {
        paused = true;
        stream.pause();
      }
    });
    stream.on("end", () => finish(1000, closeReason(words.ended)));
    // The stream's own error (libvirt's, the socket's) is its text, under the relay's words when it has some.
    stream.on("error", (err: Error) =>
      finish(1011, words.failed ? closeReason({ key: words.failed, values: { detail: err.message } }) : err.message.slice(0, 120)),
    );
    early.handOver((data) => {
      traffic.bytesIn += data.length;
      if (!inbound) return void stream.write(data);
      try {
        inbound(data);
      } catch (err) {
        finish(4000, closeReasonOf(err));
      }
    });
    ws.on("close", () => finish(1000, "closed"));
    if (ws.readyState !== ws.OPEN) finish(1000, "closed");
    // A handshake before the pump may have paused the guest's side.
    stream.resume();
  });
}
