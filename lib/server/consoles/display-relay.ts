import "server-only";
import type { WebSocket } from "ws";
import { ByteQueue } from "./byte-queue";
import { consoleError } from "./console-error";
import type { Handshake } from "./display-auth";
import type { EarlyMessages } from "./early-messages";
import type { GuestSide } from "./guest-chunks";
import { pump, type Traffic } from "./pump";

const HANDSHAKE_TIMEOUT_MS = 15_000;

const words = { ended: { key: "displayClosed" }, failed: "displayFailed" } as const;

/**
 * Relays a VNC or SPICE display. With a handshake, the relay first speaks the authentication itself
 * (reading exact messages from both sides), then hands whatever arrived beyond it to the byte pump.
 * `inbound` (VNC's RfbInput) takes the browser's bytes after the handshake and writes what may pass.
 */
export async function relayDisplay(
  ws: WebSocket,
  display: GuestSide,
  early: EarlyMessages,
  handshake: Handshake | null,
  inbound?: (data: Buffer) => void,
): Promise<Traffic> {
  if (handshake) {
    try {
      await runHandshake(ws, display, early, handshake, inbound);
    } catch (err) {
      display.stream.destroy();
      throw err;
    }
  }
  return pump(ws, display, early, words, inbound);
}

async function runHandshake(
  ws: WebSocket,
  { stream: display, chunks }: GuestSide,
  early: EarlyMessages,
  handshake: Handshake,
  inbound: ((data: Buffer) => void) | undefined,
): Promise<void> {
  const fromBrowser = new ByteQueue();
  const fromDisplay = new ByteQueue();
  const closed = () => fromBrowser.fail(consoleError("browserClosed"));
  const onEnd = () => fromDisplay.fail(consoleError("displayClosedEarly"));
  const onError = (err: Error) => fromDisplay.fail(err);
  early.handOver((chunk) => fromBrowser.push(chunk));
  ws.on("close", closed);
  // Closed while the display was being reached: nothing will answer the handshake.
  if (ws.readyState !== ws.OPEN) closed();
  // The display's read buffer is reused after each chunk: the queue keeps copies (a few small messages).
  chunks.setSink((chunk) => fromDisplay.push(Buffer.from(chunk)));
  display.on("end", onEnd).on("error", onError);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(consoleError("handshakeTooLong")), HANDSHAKE_TIMEOUT_MS);
  });
  try {
    await Promise.race([
      handshake(
        { read: (n) => fromBrowser.read(n), write: (data) => ws.send(data, { binary: true }) },
        { read: (n) => fromDisplay.read(n), write: (data) => display.write(data) },
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    chunks.setSink(null);
    display.off("end", onEnd).off("error", onError);
    ws.off("close", closed);
  }
  // Bytes that came in behind the handshake's last message go on to where the pump would have sent them.
  chunks.putBack(fromDisplay.drain());
  const browserRest = fromBrowser.drain();
  if (browserRest.length) (inbound ?? ((data: Buffer) => display.write(data)))(browserRest);
}
