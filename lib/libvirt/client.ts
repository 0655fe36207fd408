// LibvirtClient: one logical connection to a daemon. Owns the handshake (auth, open),
// keepalive, an observable state, automatic reconnection with backoff and the event hub.
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { AbortError, ConnectionClosedError, ErrorCode, LibvirtError, TimeoutError } from "./errors";
import { EventHub, type EventListener, type EventSpec, type LibvirtEvent, type Subscription } from "./events";
import { VirConnectFlags } from "./generated/flags";
import { remoteProcedures, RemoteAuthType } from "./generated/remote";
import { startKeepalive, type KeepaliveOptions } from "./keepalive";
import type { ProcedureDef } from "./procedure";
import { RpcSession, type CallOptions } from "./rpc";
import type { LibvirtStream } from "./stream";
import type { Dialer } from "./transports/dialer";
import { saslAuthenticate, type SaslCredentials } from "./sasl/authenticate";

export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

export interface ReconnectOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Give up after this many failed attempts in a row (default: never). */
  maxAttempts?: number;
}

export interface ClientOptions {
  dialer: Dialer;
  /** URI the daemon opens, e.g. "qemu:///system" or "test:///default". */
  name: string;
  readOnly?: boolean;
  /** Opt in to libvirt keepalive (true = libvirt's defaults 5 s x 5). */
  keepalive?: boolean | KeepaliveOptions;
  /** Reconnect after the connection drops (default on). */
  reconnect?: boolean | ReconnectOptions;
  /** Default per-call timeout in ms (0 = none). */
  callTimeoutMs?: number;
  maxInFlight?: number;
  /** For daemons that ask for SASL (auth_tcp / auth_tls = "sasl"): a user of the daemon's SASL database. */
  sasl?: SaslCredentials;
}

/** Feature number from libvirt's src/libvirt_internal.h (not in the public API). */
const FEATURE_PROGRAM_KEEPALIVE = 10;

/** Events: 'state' (state, error?), 'error' is never emitted (listener errors go to 'listenerError'). */
export class LibvirtClient extends EventEmitter {
  private session: RpcSession | null = null;
  private currentState: ConnectionState = "connecting";
  private readonly hub = new EventHub((err) => this.emit("listenerError", err));
  private closing = false;
  private reconnectLoop: Promise<void> | null = null;
  /** Aborted by close() so a pending backoff sleep ends at once. */
  private readonly closeSignal = new AbortController();

  private constructor(private readonly options: ClientOptions) {
    super();
  }

  /** Dials, authenticates and opens `options.name`. Rejects if the first attempt fails. */
  static async connect(options: ClientOptions): Promise<LibvirtClient> {
    const client = new LibvirtClient(options);
    await client.establish();
    client.setState("open");
    return client;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  get uri(): string {
    return this.options.name;
  }

  private setState(state: ConnectionState, err?: Error): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit("state", state, err);
  }

  private async establish(): Promise<void> {
    const socket = await this.options.dialer();
    const session = new RpcSession(socket, { maxInFlight: this.options.maxInFlight, defaultTimeoutMs: this.options.callTimeoutMs });
    const p = remoteProcedures;
    try {
      const handshake = { timeoutMs: 30_000 };
      const { types } = await session.call(p.AUTH_LIST, undefined, handshake);
      if (types.includes(RemoteAuthType.REMOTE_AUTH_NONE) || types.length === 0) {
        // nothing to do
      } else if (types.includes(RemoteAuthType.REMOTE_AUTH_POLKIT)) {
        const { complete } = await session.call(p.AUTH_POLKIT, undefined, handshake);
        if (!complete) throw new LibvirtError({ code: ErrorCode.VIR_ERR_AUTH_FAILED, message: "polkit authentication did not complete" });
      } else if (types.includes(RemoteAuthType.REMOTE_AUTH_SASL)) {
        if (!this.options.sasl)
          throw new LibvirtError({
            code: ErrorCode.VIR_ERR_AUTH_FAILED,
            message: "libvirtd asks for SASL authentication: give a user name and a password",
          });
        await saslAuthenticate(session, this.options.sasl, handshake);
      } else {
        throw new LibvirtError({
          code: ErrorCode.VIR_ERR_AUTH_UNAVAILABLE,
          message: `no supported authentication method offered (types: ${types.join(",")})`,
        });
      }
      if (this.options.keepalive) {
        const { supported } = await session.call(p.CONNECT_SUPPORTS_FEATURE, { feature: FEATURE_PROGRAM_KEEPALIVE, flags: 0 }, handshake);
        if (supported) startKeepalive(session, typeof this.options.keepalive === "object" ? this.options.keepalive : {});
      }
      await session.call(
        p.CONNECT_OPEN,
        { name: this.options.name, flags: this.options.readOnly ? VirConnectFlags.VIR_CONNECT_RO : 0 },
        handshake,
      );
    } catch (err) {
      session.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    try {
      await this.hub.attach(session);
    } catch (err) {
      session.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    this.session = session;
    session.once("close", (err: Error) => this.onSessionClosed(session, err));
    if (session.closed) this.onSessionClosed(session, new ConnectionClosedError());
  }

  private onSessionClosed(session: RpcSession, err: Error): void {
    if (this.session !== session) return;
    this.session = null;
    if (this.closing || this.options.reconnect === false) {
      this.setState("closed", this.closing ? undefined : err);
      return;
    }
    this.setState("reconnecting", err);
    this.reconnectLoop = this.reconnect().finally(() => (this.reconnectLoop = null));
  }

  private async reconnect(): Promise<void> {
    const opts = typeof this.options.reconnect === "object" ? this.options.reconnect : {};
    let delay = opts.initialDelayMs ?? 250;
    for (let attempt = 1; !this.closing; attempt++) {
      await sleep(delay, undefined, { signal: this.closeSignal.signal }).catch(() => undefined);
      if (this.closing) return;
      try {
        await this.establish();
        this.setState("open");
        return;
      } catch (err) {
        this.emit("reconnectFailed", err, attempt);
        if (opts.maxAttempts !== undefined && attempt >= opts.maxAttempts) {
          this.setState("closed", err as Error);
          return;
        }
        delay = Math.min(delay * 2, opts.maxDelayMs ?? 10_000);
      }
    }
  }

  /** Resolves with the open session, waiting through a reconnect if needed. */
  private async openSession(options: CallOptions): Promise<RpcSession> {
    if (this.session && !this.session.closed) return this.session;
    if (this.currentState === "closed") throw new ConnectionClosedError("client is closed");
    const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs ?? 0;
    return new Promise<RpcSession>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        this.off("state", onState);
        options.signal?.removeEventListener("abort", onAbort);
        if (timer) clearTimeout(timer);
      };
      const onState = (state: ConnectionState, err?: Error): void => {
        if (state === "open" && this.session) {
          done();
          resolve(this.session);
        } else if (state === "closed") {
          done();
          reject(err ?? new ConnectionClosedError("client is closed"));
        }
      };
      const onAbort = (): void => {
        done();
        reject(new AbortError("aborted while waiting for the connection"));
      };
      if (timeoutMs > 0)
        timer = setTimeout(() => (done(), reject(new TimeoutError(`no connection to libvirt within ${timeoutMs} ms`))), timeoutMs);
      this.on("state", onState);
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  call<A, R>(def: ProcedureDef<A, R, unknown>, args: A, options?: CallOptions): Promise<R> {
    // Hot path: no async layer while the session is open (an extra await costs a promise and a tick per call).
    const session = this.session;
    if (session !== null && !session.closed) return session.call(def, args, options);
    return this.openSession(options ?? {}).then((s) => s.call(def, args, options));
  }

  /** Starts a stream procedure. The stream buffers from before the CALL is sent. */
  async callStream<A, R>(
    def: ProcedureDef<A, R, unknown>,
    args: A,
    options: CallOptions = {},
  ): Promise<{ reply: R; stream: LibvirtStream }> {
    const session = await this.openSession(options);
    const { reply, stream } = session.callStream(def, args, options);
    return { reply: await reply, stream };
  }

  /** Registers (once per key) and adds a listener; unsubscribe() deregisters when the last listener goes. */
  subscribe(spec: EventSpec, listener: EventListener): Promise<Subscription> {
    return this.hub.subscribe(spec, listener);
  }

  /** Events as an async iterable with an unbounded queue; deregisters when the loop ends or `signal` aborts. */
  async *events(spec: EventSpec, options: { signal?: AbortSignal } = {}): AsyncGenerator<LibvirtEvent> {
    const queue: LibvirtEvent[] = [];
    let wake: (() => void) | null = null;
    const notify = (): void => {
      wake?.();
      wake = null;
    };
    const sub = await this.hub.subscribe(spec, (e) => {
      queue.push(e);
      notify();
    });
    options.signal?.addEventListener("abort", notify, { once: true });
    try {
      while (!options.signal?.aborted) {
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((r) => (wake = r));
      }
    } finally {
      options.signal?.removeEventListener("abort", notify);
      await sub.unsubscribe().catch(() => undefined);
    }
  }

  /** Another independent connection to the same daemon/URI, e.g. for long jobs (migrate, upload). */
  duplicate(overrides: Partial<ClientOptions> = {}): Promise<LibvirtClient> {
    return LibvirtClient.connect({ ...this.options, ...overrides });
  }

  /** Sends CONNECT_CLOSE and closes the transport. Idempotent. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.closeSignal.abort();
    const session = this.session;
    if (session && !session.closed) {
      await session.call(remoteProcedures.CONNECT_CLOSE, undefined, { timeoutMs: 2000 }).catch(() => undefined);
      session.close();
    }
    await this.reconnectLoop;
    this.setState("closed");
  }
}
