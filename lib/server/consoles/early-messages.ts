import "server-only";
import type { WebSocket } from "ws";

const MAX_EARLY_BYTES = 1024 * 1024;

/**
 * Holds a console WebSocket's messages from the moment it opens until the relay to the guest is ready,
 * then replays them in order and passes the rest straight through. Without it, keys typed (or an RFB
 * handshake sent) while the server is still opening the guest's side would be lost.
 */
export class EarlyMessages {
  private queue: Buffer[] = [];
  private bytes = 0;
  private sink: ((data: Buffer) => void) | null = null;

  constructor(ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      if (this.sink) return this.sink(data);
      this.bytes += data.length;
      if (this.bytes > MAX_EARLY_BYTES) ws.close(1009, "too much input before the console opened");
      else this.queue.push(data);
    });
  }

  handOver(sink: (data: Buffer) => void): void {
    for (const data of this.queue) sink(data);
    this.queue = [];
    this.sink = sink;
  }
}
