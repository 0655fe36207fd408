import type { Duplex } from "node:stream";

/** Opens a fresh byte stream to a libvirt daemon. Called again for every reconnect. */
export type Dialer = () => Promise<Duplex>;

/**
 * Optional fast read path a transport can attach to its Duplex: the socket reads into one
 * reused buffer (net.Socket's `onread` option) and hands each chunk to the sink instead of
 * emitting 'data'. The chunk is only valid during the sink call; the sink copies what it keeps.
 */
export interface ReusedBufferReader {
  setReadSink(sink: (chunk: Buffer) => void): void;
}

/** Size of the reused read buffer (libuv's default read size for streams). */
const READ_BUFFER_SIZE = 64 * 1024;

/**
 * net.connect() options that read through a reused buffer: no 64 KiB allocation and no
 * Readable/'data' machinery per read. Call `attach(socket)` once the socket exists.
 */
export function reusedBufferRead(): {
  onread: { buffer: Buffer; callback: (n: number, buf: Uint8Array) => boolean };
  attach(socket: Duplex): void;
} {
  let sink: ((chunk: Buffer) => void) | null = null;
  // Bytes that arrive before a sink is attached (the daemon never speaks first, but be safe).
  const early: Buffer[] = [];
  const buffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);
  return {
    onread: {
      buffer,
      callback: (n: number): boolean => {
        if (sink) sink(buffer.subarray(0, n));
        else early.push(Buffer.from(buffer.subarray(0, n)));
        return true;
      },
    },
    attach(socket: Duplex): void {
      (socket as Duplex & ReusedBufferReader).setReadSink = (s: (chunk: Buffer) => void): void => {
        sink = s;
        for (const chunk of early.splice(0)) s(chunk);
      };
    },
  };
}
