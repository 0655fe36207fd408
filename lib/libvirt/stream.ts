// A libvirt data stream (screenshot, console, volume upload/download) as a Node Duplex.
// Created before its CALL is sent so data packets that arrive in the same socket read
// as the REPLY are buffered, not lost.
import { Duplex } from "node:stream";
import { AbortError, ErrorCode, LibvirtError } from "./errors";
import { MessageStatus, MessageType, STREAM_CHUNK } from "./framing";
import { decodeRemoteError } from "./generated/remote";
import type { StreamDirection } from "./procedure";
import { XdrReader } from "./xdr";

/** What a stream needs from the session that carries it. */
export interface StreamTransport {
  sendStreamPacket(
    stream: LibvirtStream,
    type: number,
    status: number,
    payload: Buffer | undefined,
    cb?: (err?: Error | null) => void,
  ): void;
  releaseStream(stream: LibvirtStream): void;
}

export class LibvirtStream extends Duplex {
  /** The daemon confirmed the end of the stream (STREAM/OK) or reported an error. */
  private completed = false;
  private finishRequested = false;
  private finishWaiter: ((err?: Error | null) => void) | null = null;

  constructor(
    private readonly transport: StreamTransport,
    readonly prog: number,
    readonly vers: number,
    readonly proc: number,
    readonly serial: number,
    readonly direction: StreamDirection,
  ) {
    super({ allowHalfOpen: true });
  }

  /** Called by the session for every STREAM / STREAM_HOLE packet carrying our serial. */
  handlePacket(type: number, status: number, payload: Buffer): void {
    if (type === MessageType.STREAM_HOLE) {
      const r = new XdrReader(payload);
      this.emit("hole", r.hyper());
      return;
    }
    if (status === MessageStatus.CONTINUE) {
      if (payload.length > 0) {
        this.push(payload);
        return;
      }
      // Zero-length CONTINUE = EOF from the daemon. A read stream then finishes like virStreamFinish;
      // ending its (unused) writable side too lets 'close' fire, which stream.finished() and
      // Readable.toWeb() wait for on a Duplex.
      this.push(null);
      if (this.direction === "read") this.end();
      return;
    }
    if (status === MessageStatus.OK) {
      this.complete(null);
      this.push(null);
      return;
    }
    this.complete(this.decodeError(payload));
  }

  /** The connection carrying this stream went away. */
  handleConnectionLost(err: Error): void {
    if (!this.completed) this.complete(err);
  }

  private decodeError(payload: Buffer): Error {
    try {
      return LibvirtError.fromRemote(decodeRemoteError(new XdrReader(payload)));
    } catch (e) {
      return new LibvirtError({ code: ErrorCode.VIR_ERR_RPC, message: "stream failed with an undecodable error", cause: e });
    }
  }

  private complete(err: Error | null): void {
    if (this.completed) return;
    this.completed = true;
    this.transport.releaseStream(this);
    const waiter = this.finishWaiter;
    this.finishWaiter = null;
    if (waiter) waiter(err);
    if (err) this.destroy(err);
  }

  private requestFinish(): void {
    if (this.finishRequested || this.completed) return;
    this.finishRequested = true;
    this.transport.sendStreamPacket(this, MessageType.STREAM, MessageStatus.OK, undefined);
  }

  override _read(): void {
    // Data is pushed as packets arrive; flow control is the socket's own backpressure.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.completed) return callback(new LibvirtError({ code: ErrorCode.VIR_ERR_RPC, message: "stream already finished" }));
    let offset = 0;
    const sendNext = (err?: Error | null): void => {
      if (err) return callback(err);
      if (offset >= chunk.length) return callback();
      const piece = chunk.subarray(offset, offset + STREAM_CHUNK);
      offset += piece.length;
      this.transport.sendStreamPacket(this, MessageType.STREAM, MessageStatus.CONTINUE, piece, sendNext);
    };
    sendNext();
  }

  /** end(): send STREAM/OK and wait for the daemon to confirm; 'finish' fires after that. */
  override _final(callback: (err?: Error | null) => void): void {
    if (this.completed) return callback();
    this.finishWaiter = callback;
    this.requestFinish();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    if (!this.completed) {
      // Abort: STREAM/ERROR with an empty payload. Later packets for this serial are dropped.
      this.completed = true;
      this.transport.sendStreamPacket(this, MessageType.STREAM, MessageStatus.ERROR, undefined);
      this.transport.releaseStream(this);
      const waiter = this.finishWaiter;
      this.finishWaiter = null;
      waiter?.(err ?? new AbortError("stream aborted"));
    }
    callback(err);
  }

  /** Aborts the transfer on the daemon side and destroys the stream. */
  abort(reason?: Error): void {
    this.destroy(reason);
  }
}
