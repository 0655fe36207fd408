import "server-only";
import type { OnReadOpts } from "node:net";
import type { Duplex } from "node:stream";

/**
 * Receives the guest side's bytes. The chunk is only valid during the call: a sink that keeps it (a write
 * still queued when it returns) calls `hold` on its source first.
 */
export type ChunkSink = (chunk: Buffer) => void;

/** Delivers the guest side's bytes to one sink at a time. */
export interface ChunkSource {
  /** Every chunk from now on goes to `sink`; with null they are kept (copied) until the next sink takes them. */
  setSink(sink: ChunkSink | null): void;
  /** Puts bytes back in front of what arrives next (what a handshake read beyond its last message). */
  putBack(bytes: Buffer): void;
  /** Called by a sink: the chunk it is given stays in use after it returns, until the returned function is called. */
  hold(): () => void;
}

/** The guest's side of a relay: the stream to write to, pause and end, and where its bytes come from. */
export type GuestSide = { stream: Duplex; chunks: ChunkSource };

const noRelease = () => undefined;

/** A sink, or the chunks waiting for one. */
class Chunks implements ChunkSource {
  private sink: ChunkSink | null = null;
  private waiting: Buffer[] = [];

  setSink(sink: ChunkSink | null): void {
    this.sink = sink;
    while (this.sink && this.waiting.length) this.sink(this.waiting.shift()!);
  }

  putBack(bytes: Buffer): void {
    if (bytes.length) this.waiting.unshift(bytes);
  }

  hold(): () => void {
    return noRelease;
  }

  deliver(chunk: Buffer): void {
    if (this.sink) this.sink(chunk);
    else this.waiting.push(Buffer.from(chunk));
  }
}

/** Any stream (an SSH channel, libvirt's console stream): each 'data' chunk is a buffer of its own, so nothing to hold. */
export function streamSide(stream: Duplex): GuestSide {
  const chunks = new Chunks();
  stream.on("data", (chunk: Buffer) => chunks.deliver(chunk));
  return { stream, chunks };
}

/** A TCP socket read through reused buffers: `create` must pass `onread` to `net.connect`. */
export function reusedBufferSide(create: (onread: OnReadOpts) => Duplex): GuestSide {
  const chunks = new ReusedReadBuffers();
  return { stream: create(chunks.onread), chunks };
}

// Node reads 64 KiB at a time without `onread`. Under bulk traffic, reads of up to 256 KiB mean up to a
// quarter as many reads and WebSocket frames per GB: the server's CPU per GB relayed fell from 1.1 s to
// 0.68-0.89 s (npm run bench:console).
// Memory is touched only as far as reads fill it. The spares cover the pump's queue of 4 chunks.
const READ_BYTES = 256 * 1024;
const SPARE_BUFFERS = 4;

/**
 * Reads into reused buffers (`net.connect({ onread })`) rather than a new buffer per read: at hundreds of
 * MB/s the fresh buffers cost the server more in garbage collection than everything else the relay does.
 * A buffer a sink holds (its bytes still queued for the browser) is swapped for a spare until it is
 * released, so queued bytes are never overwritten.
 */
class ReusedReadBuffers extends Chunks {
  private current = Buffer.allocUnsafe(READ_BYTES);
  private currentHeld = false;
  private delivering = false;
  private spares: Buffer<ArrayBuffer>[] = [];

  readonly onread: OnReadOpts = {
    // Called once when the socket connects and again after every read: the buffer the next read goes into.
    buffer: () => this.nextBuffer(),
    callback: (bytes, buffer) => {
      this.delivering = true;
      try {
        this.deliver((buffer as Buffer).subarray(0, bytes));
      } finally {
        this.delivering = false;
      }
      return true; // false would pause the socket; the pump pauses it itself
    },
  };

  override hold(): () => void {
    if (!this.delivering) return noRelease;
    const held = this.current;
    this.currentHeld = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (this.spares.length < SPARE_BUFFERS && held !== this.current) this.spares.push(held);
    };
  }

  private nextBuffer(): Buffer<ArrayBuffer> {
    if (this.currentHeld) {
      this.current = this.spares.pop() ?? Buffer.allocUnsafe(READ_BYTES);
      this.currentHeld = false;
    }
    return this.current;
  }
}
