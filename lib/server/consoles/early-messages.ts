import "server-only";
import type { WebSocket } from "ws";
import { closeReason } from "@/lib/consoles/close-words";

const MAX_EARLY_BYTES = 1024 * 1024;
const MAX_CONTROL_TEXT = 4096;

/**
 * Holds a console WebSocket's binary messages from the moment it opens until the relay to the guest is
 * ready, then replays them in order and passes the rest straight through. Without it, keys typed (or an RFB
 * handshake sent) while the server is still opening the guest's side would be lost.
 *
 * Text messages never reach the guest: they are the page's requests about the console itself (ask for
 * control, give it, …), handed to `onControl` as they come.
 */
export class EarlyMessages {
  private queue: Buffer[] = [];
  private bytes = 0;
  private sink: ((data: Buffer) => void) | null = null;
  private control: ((text: string) => void) | null = null;

  constructor(ws: WebSocket) {
    ws.on("message", (data: Buffer, isBinary?: boolean) => {
      if (isBinary === false) {
        if (data.length <= MAX_CONTROL_TEXT) this.control?.(data.toString("utf8"));
        return;
      }
      if (this.sink) return this.sink(data);
      this.bytes += data.length;
      if (this.bytes > MAX_EARLY_BYTES) ws.close(1009, closeReason({ key: "tooMuchEarly" }));
      else this.queue.push(data);
    });
  }

  onControl(handler: (text: string) => void): void {
    this.control = handler;
  }

  handOver(sink: (data: Buffer) => void): void {
    for (const data of this.queue) sink(data);
    this.queue = [];
    this.sink = sink;
  }
}
