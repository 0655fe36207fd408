// The /ws/events connection loop without React: reconnect with backoff, batch invalidations, resync after a gap;
// lifecycle states go out at once.
// live-events.tsx wires it to react-query; tests drive it with a fake socket and fake timers.
import { accessEndedReason, type AccessEndedReason } from "@/lib/auth/access-ended";
import { RESTART_CLOSE_CODE } from "@/lib/restart-close-code";
import {
  backoffMs,
  invalidationsFor,
  mergeKeys,
  parseLiveMessage,
  queryKeys,
  restartDelayMs,
  type LiveMessage,
  type QueryKey,
} from "./live-keys";
import { statePatchFor, type GuestStatePatch } from "./guest-patch";

export type LiveStatus = { status: "connecting" | "open" | "down"; retryAt: number | null };

/** The part of WebSocket this loop uses. */
export type SocketLike = {
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: ((e?: { code: number; reason: string }) => void) | null;
  onerror: ((e?: unknown) => void) | null;
  close(): void;
};

export type LiveSocketOptions = {
  url: string;
  createSocket: (url: string) => SocketLike;
  onStatus: (s: LiveStatus) => void;
  onInvalidate: (keys: QueryKey[]) => void;
  /** A lifecycle change's new state, handed on at once (not batched) so pages show it before their re-read. */
  onStatePatch?: (patch: GuestStatePatch) => void;
  /** The server ended this person's access (signed out, disabled, …): no reconnecting; `reason` says why (messages' "accessEnded"). */
  onAccessEnded?: (reason: AccessEndedReason) => void;
  /** Messages that carry something to show rather than a reason to re-read (a colleague's invitation). */
  onNotice?: (message: LiveMessage) => void;
  /** How long events are gathered before caches are invalidated: a burst becomes one re-read. */
  batchMs?: number;
  random?: () => number;
  now?: () => number;
};

export class LiveSocket {
  private ws: SocketLike | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private batch: QueryKey[] = [];

  constructor(private readonly o: LiveSocketOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }

  /** Reconnect now instead of waiting out the backoff (tab visible again, network back). */
  wake(): void {
    if (this.ws || this.stopped) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    this.o.onStatus({ status: "connecting", retryAt: null });
    const socket = this.o.createSocket(this.o.url);
    this.ws = socket;
    socket.onmessage = (e) => {
      if (this.ws !== socket) return;
      const msg = typeof e.data === "string" ? parseLiveMessage(e.data) : null;
      if (!msg) return;
      if (msg.type === "hello") {
        // Anything may have changed while nobody was listening.
        if (this.attempt > 0) this.invalidate([queryKeys.guests(), queryKeys.hosts(), ["guest"]]);
        this.attempt = 0;
        this.o.onStatus({ status: "open", retryAt: null });
        return;
      }
      if (msg.type === "console.invite") this.o.onNotice?.(msg);
      const patch = statePatchFor(msg);
      if (patch) this.o.onStatePatch?.(patch);
      this.invalidate(invalidationsFor(msg));
    };
    socket.onclose = (e) => {
      if (this.ws !== socket || this.stopped) return;
      this.ws = null;
      const ended = e ? accessEndedReason(e) : null;
      if (ended) {
        this.stopped = true;
        this.o.onStatus({ status: "down", retryAt: null });
        this.o.onAccessEnded?.(ended);
        return;
      }
      // The instance is stopping (a restart, a deploy): straight back, through the load balancer to another one.
      const restart = e?.code === RESTART_CLOSE_CODE && this.attempt === 0;
      const delay = restart ? restartDelayMs(this.o.random) : backoffMs(this.attempt, this.o.random);
      this.attempt++;
      this.o.onStatus({ status: "down", retryAt: (this.o.now ?? Date.now)() + delay });
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
    socket.onerror = () => socket.close();
  }

  private invalidate(keys: QueryKey[]): void {
    if (keys.length === 0) return;
    this.batch = mergeKeys(this.batch, keys);
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = undefined;
      const keys = this.batch;
      this.batch = [];
      this.o.onInvalidate(keys);
    }, this.o.batchMs ?? 150);
  }
}
