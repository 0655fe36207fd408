// One RPC session over one byte stream: serials, reply routing, the daemon's
// in-flight limit, per-call timeouts/abort, stream and async-message dispatch.
import { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";
import { AbortError, ConnectionClosedError, isLibvirtError, isProtocolError, LibvirtError, ProtocolError, TimeoutError } from "./errors";
import { LENGTH_SIZE, MIN_PACKET, MessageStatus, MessageType, PacketDecoder, decodeHeader, encodeCall, encodePacket } from "./framing";
import { KEEPALIVE_PROGRAM, KeepaliveProcedure } from "./generated/keepalive";
import { VirErrorNumber } from "./generated/flags";
import { REMOTE_PROGRAM, decodeRemoteError, remoteFdPassingProcedures } from "./generated/remote";
import type { ProcedureDef } from "./procedure";
import { LibvirtStream, type StreamTransport } from "./stream";
import type { ReusedBufferReader } from "./transports/dialer";
import { XdrError, XdrReader } from "./xdr";

/** libvirtd's max_client_requests default; beyond it the daemon stops reading the socket. */
export const DEFAULT_MAX_IN_FLIGHT = 5;

/** Optional hook a transport can attach to its Duplex to explain an unexpected close. */
export interface TransportCloseDetail {
  closeDetail?: () => string | undefined;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Milliseconds; 0 or undefined = no timeout. */
  timeoutMs?: number;
}

/** One call from start() until it settles (and, if in flight, until its reply frees the slot). */
class PendingCall {
  settled = false;
  /** performance.now() after which the call fails with TimeoutError; 0 = no timeout. */
  deadline = 0;
  timeoutMs = 0;
  signal: AbortSignal | null = null;
  onAbort: (() => void) | null = null;
  resolve!: (value: unknown) => void;
  reject!: (err: Error) => void;

  constructor(
    readonly def: ProcedureDef<never, unknown, unknown>,
    readonly packet: Buffer,
    readonly serial: number,
    readonly stream: LibvirtStream | null,
  ) {}

  cleanup(): void {
    if (this.onAbort) {
      this.signal!.removeEventListener("abort", this.onAbort);
      this.onAbort = null;
    }
  }
}

const NO_OPTIONS: CallOptions = Object.freeze({});

export interface SessionOptions {
  maxInFlight?: number;
  defaultTimeoutMs?: number;
}

/**
 * Events: 'message' (packet: Packet) for async MESSAGE packets other than keepalive,
 * 'keepalive' (proc) for PING/PONG, 'close' (err: Error) once, when the transport ends.
 */
export class RpcSession extends EventEmitter implements StreamTransport {
  private serial = 0;
  private readonly inFlight = new Map<number, PendingCall>();
  private readonly queue: PendingCall[] = [];
  private readonly streams = new Map<number, LibvirtStream>();
  private readonly decoder = new PacketDecoder();
  private readonly maxInFlight: number;
  private readonly defaultTimeoutMs: number;
  private closedWith: Error | null = null;
  /** One timer for all call deadlines, armed for the earliest one (not one setTimeout per call). */
  private deadlineTimer: NodeJS.Timeout | null = null;
  private deadlineAt = Infinity;
  /** True while a received chunk is being dispatched: calls sent meanwhile are corked into one write. */
  private dispatching = false;
  private corked = false;
  /** The transport reuses its read buffer: payloads kept beyond dispatch (streams, events) are copied. */
  private sharedReadBuffer = false;
  private readonly onPacket = (buf: Buffer, start: number, end: number, shared: boolean): void => this.route(buf, start, end, shared);
  private readonly onDeadline = (): void => this.sweepDeadlines();
  /** Date.now() of the last packet received; used by keepalive to detect a dead peer. */
  lastReceived = Date.now();

  constructor(
    private readonly socket: Duplex,
    options: SessionOptions = {},
  ) {
    super();
    this.maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 0;
    const reader = socket as Duplex & Partial<ReusedBufferReader>;
    if (typeof reader.setReadSink === "function") {
      this.sharedReadBuffer = true;
      reader.setReadSink((chunk) => this.onData(chunk));
    } else {
      socket.on("data", (chunk: Buffer) => this.onData(chunk));
    }
    socket.on("error", (err: Error) => this.shutdown(new ConnectionClosedError(`libvirt transport error: ${err.message}`, err)));
    // Transports that learn why they closed only at 'close' (ssh: the remote stderr) expose closeDetail.
    const detail = (): string | undefined => (socket as Duplex & TransportCloseDetail).closeDetail?.();
    const closedError = (): ConnectionClosedError => {
      const why = detail();
      return new ConnectionClosedError(why ? `libvirt connection closed: ${why}` : "libvirt closed the connection");
    };
    socket.on("close", () => this.shutdown(closedError()));
    socket.on("end", () => {
      if (!(socket as Duplex & TransportCloseDetail).closeDetail) this.shutdown(closedError());
    });
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  get pendingCount(): number {
    return this.inFlight.size + this.queue.length;
  }

  call<A, R>(def: ProcedureDef<A, R, unknown>, args: A, options: CallOptions = NO_OPTIONS): Promise<R> {
    return this.start(def, args, options, null);
  }

  /** Sends a stream procedure's CALL; the stream exists (and buffers) before the CALL leaves. */
  callStream<A, R>(
    def: ProcedureDef<A, R, unknown>,
    args: A,
    options: CallOptions = NO_OPTIONS,
  ): { reply: Promise<R>; stream: LibvirtStream } {
    if (!def.stream) throw new LibvirtError({ code: VirErrorNumber.VIR_ERR_INVALID_ARG, message: `${def.name} is not a stream procedure` });
    const serial = this.nextSerial();
    const stream = new LibvirtStream(this, def.program, def.version, def.proc, serial, def.stream);
    this.streams.set(serial, stream);
    const reply = this.start(def, args, options, stream, serial);
    reply.catch((err: Error) => {
      // A refused call (e.g. "Active console session exists") is reported through `reply`; the stream
      // only ends, so nobody has to listen for an error on a stream they never received.
      if (stream.listenerCount("error") === 0) stream.on("error", () => undefined);
      stream.handleConnectionLost(err);
    });
    return { reply, stream };
  }

  private nextSerial(): number {
    this.serial = (this.serial + 1) >>> 0 || 1;
    return this.serial;
  }

  private start<A, R>(
    def: ProcedureDef<A, R, unknown>,
    args: A,
    options: CallOptions,
    stream: LibvirtStream | null,
    serial = this.nextSerial(),
  ): Promise<R> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(new AbortError(`${def.name} aborted`, signal.reason));
    if (def.program === REMOTE_PROGRAM && remoteFdPassingProcedures[def.name] === def.proc) {
      return Promise.reject(
        new LibvirtError({
          code: VirErrorNumber.VIR_ERR_NO_SUPPORT,
          message: `${def.name} passes file descriptors, which this client cannot do`,
        }),
      );
    }
    let packet: Buffer;
    try {
      packet = encodeCall(def.program, def.version, def.proc, serial, def.encodeArgs, args);
    } catch (err) {
      if (stream) this.streams.delete(serial);
      return Promise.reject(
        err instanceof XdrError
          ? new LibvirtError({
              code: VirErrorNumber.VIR_ERR_INVALID_ARG,
              message: `${def.name}: cannot encode arguments: ${err.message}`,
              cause: err,
            })
          : err,
      );
    }
    const call = new PendingCall(def as unknown as ProcedureDef<never, unknown, unknown>, packet, serial, stream);
    const promise = new Promise<R>((resolve, reject) => {
      call.resolve = resolve as (value: unknown) => void;
      call.reject = reject;
    });
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    if (timeoutMs > 0) {
      call.timeoutMs = timeoutMs;
      call.deadline = performance.now() + timeoutMs;
      this.armDeadline(call.deadline);
    }
    if (signal) {
      call.signal = signal;
      call.onAbort = () => this.fail(call, new AbortError(`${def.name} aborted`, signal.reason));
      signal.addEventListener("abort", call.onAbort, { once: true });
    }
    if (this.inFlight.size < this.maxInFlight) this.send(call);
    else this.queue.push(call);
    return promise;
  }

  private send(call: PendingCall): void {
    this.inFlight.set(call.serial, call);
    if (this.dispatching && !this.corked) {
      this.corked = true;
      this.socket.cork();
    }
    this.socket.write(call.packet);
  }

  /** Arms the deadline timer unless it already fires at or before `at`. */
  private armDeadline(at: number): void {
    if (this.deadlineTimer !== null) {
      if (this.deadlineAt <= at) return;
      clearTimeout(this.deadlineTimer);
    }
    this.deadlineAt = at;
    this.deadlineTimer = setTimeout(this.onDeadline, Math.max(1, Math.ceil(at - performance.now())));
    // The transport keeps the process alive while calls are pending; a timer left armed for a call
    // that has already been answered must not.
    this.deadlineTimer.unref();
  }

  /** Fails every call whose deadline has passed and re-arms for the next one. */
  private sweepDeadlines(): void {
    this.deadlineTimer = null;
    this.deadlineAt = Infinity;
    if (this.closedWith) return;
    const now = performance.now();
    let next = Infinity;
    let expired: PendingCall[] | null = null;
    for (const calls of [this.inFlight.values(), this.queue]) {
      for (const call of calls) {
        if (call.settled || call.deadline === 0) continue;
        if (call.deadline <= now) (expired ??= []).push(call);
        else if (call.deadline < next) next = call.deadline;
      }
    }
    if (expired) for (const call of expired) this.fail(call, new TimeoutError(`${call.def.name} timed out after ${call.timeoutMs} ms`));
    if (next !== Infinity) this.armDeadline(next);
  }

  /** Timeout/abort: settle the caller now. An in-flight call keeps its slot until the reply arrives. */
  private fail(call: PendingCall, err: Error): void {
    if (call.settled) return;
    call.settled = true;
    call.cleanup();
    const queued = this.queue.indexOf(call);
    if (queued >= 0) this.queue.splice(queued, 1);
    if (call.stream && !call.stream.destroyed) call.stream.destroy(err);
    call.reject(err);
  }

  private settle(call: PendingCall, status: number, buf: Buffer, start: number, end: number): void {
    this.inFlight.delete(call.serial);
    this.pump();
    if (call.settled) return;
    call.settled = true;
    call.cleanup();
    try {
      const r = new XdrReader(buf, start, end);
      if (status === MessageStatus.OK) {
        const value = call.def.decodeRet(r);
        r.done();
        call.resolve(value);
      } else if (status === MessageStatus.ERROR) {
        const err = LibvirtError.fromRemote(decodeRemoteError(r));
        if (call.stream) this.releaseStream(call.stream);
        call.reject(err);
      } else {
        throw new ProtocolError(`unexpected reply status ${status}`);
      }
    } catch (err) {
      const wrapped = isLibvirtError(err)
        ? err
        : new ProtocolError(`${call.def.name}: cannot decode reply: ${(err as Error).message}`, err);
      if (call.stream && !call.stream.destroyed) call.stream.destroy(wrapped);
      call.reject(wrapped);
    }
  }

  private pump(): void {
    while (this.inFlight.size < this.maxInFlight && this.queue.length > 0 && !this.closedWith) {
      this.send(this.queue.shift()!);
    }
  }

  private onData(chunk: Buffer): void {
    if (this.closedWith) return;
    this.lastReceived = Date.now();
    this.dispatching = true;
    try {
      this.decoder.feed(chunk, this.onPacket, this.sharedReadBuffer);
    } catch (err) {
      // The rest of the chunk is lost either way, so the session cannot go on. Framing errors
      // (ProtocolError) end the session quietly; anything else is a bug and is rethrown as before.
      this.shutdown(err as Error);
      this.socket.destroy();
      if (!isProtocolError(err)) throw err;
    } finally {
      this.dispatching = false;
      if (this.corked) {
        this.corked = false;
        this.socket.uncork();
      }
    }
  }

  /** One packet: buf[start, end), length word included. Replies are decoded in place. */
  private route(buf: Buffer, start: number, end: number, shared: boolean): void {
    if (this.closedWith) return;
    const type = buf.readInt32BE(start + 16);
    if (type === MessageType.REPLY) {
      const call = this.inFlight.get(buf.readUInt32BE(start + 20));
      if (call) this.settle(call, buf.readInt32BE(start + 24), buf, start + MIN_PACKET, end);
      return;
    }
    const header = decodeHeader(buf, start + LENGTH_SIZE);
    // Stream data and events outlive this call: copy them out of a reused read buffer.
    const payload = shared ? Buffer.from(buf.subarray(start + MIN_PACKET, end)) : buf.subarray(start + MIN_PACKET, end);
    switch (type) {
      case MessageType.STREAM:
      case MessageType.STREAM_HOLE:
        this.streams.get(header.serial)?.handlePacket(header.type, header.status, payload);
        return;
      case MessageType.MESSAGE:
        if (header.prog === KEEPALIVE_PROGRAM) {
          if (header.proc === KeepaliveProcedure.KEEPALIVE_PROC_PING) this.sendKeepalive(KeepaliveProcedure.KEEPALIVE_PROC_PONG);
          this.emit("keepalive", header.proc);
          return;
        }
        this.emit("message", { header, payload });
        return;
      case MessageType.REPLY_WITH_FDS: {
        // Only fd-passing procedures get these and the client refuses them; the stream is no longer trustworthy.
        this.shutdown(new ProtocolError("received REPLY_WITH_FDS; fd passing is not supported"));
        this.socket.destroy();
        return;
      }
      default:
        // Unknown types are ignored, as libvirt's client does for unexpected packets.
        return;
    }
  }

  sendKeepalive(proc: number): void {
    if (this.closedWith) return;
    this.socket.write(
      encodePacket({ prog: KEEPALIVE_PROGRAM, vers: 1, proc, type: MessageType.MESSAGE, serial: 0, status: MessageStatus.OK }),
    );
  }

  sendStreamPacket(
    stream: LibvirtStream,
    type: number,
    status: number,
    payload: Buffer | undefined,
    cb?: (err?: Error | null) => void,
  ): void {
    if (this.closedWith) {
      cb?.(this.closedWith);
      return;
    }
    const packet = encodePacket({ prog: stream.prog, vers: stream.vers, proc: stream.proc, type, serial: stream.serial, status }, payload);
    if (cb) this.socket.write(packet, (err) => cb(err ?? null));
    else this.socket.write(packet);
  }

  releaseStream(stream: LibvirtStream): void {
    if (this.streams.get(stream.serial) === stream) this.streams.delete(stream.serial);
  }

  /** Closes the transport; pending calls fail with ConnectionClosedError. */
  close(): void {
    this.shutdown(new ConnectionClosedError("connection closed by client"));
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** Tears the session down immediately (dead peer, protocol error). */
  destroy(err: Error): void {
    this.shutdown(err);
    this.socket.destroy();
  }

  private shutdown(err: Error): void {
    if (this.closedWith) return;
    this.closedWith = err;
    if (this.deadlineTimer !== null) {
      clearTimeout(this.deadlineTimer);
      this.deadlineTimer = null;
    }
    const calls = [...this.inFlight.values(), ...this.queue];
    this.inFlight.clear();
    this.queue.length = 0;
    for (const call of calls) {
      if (call.settled) continue;
      call.settled = true;
      call.cleanup();
      call.reject(err);
    }
    for (const stream of [...this.streams.values()]) stream.handleConnectionLost(err);
    this.streams.clear();
    this.emit("close", err);
  }
}
