import "server-only";
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { brandError } from "@/lib/branded-error";
import { Libvirt, type ConnectOptions, type LibvirtEvent } from "@/lib/libvirt";
import type { Subscription } from "@/lib/libvirt/events";
import { hostEventSpecs } from "./host-events";

export type HostTarget = { id: string; name: string; uri: string };

export type HostStatus =
  | { state: "connecting"; since: number }
  | { state: "connected"; since: number }
  | { state: "retrying"; since: number; message: string; retryAt: number }
  | { state: "disconnected"; since: number };

/** Raised when a host cannot be reached right now; carries libvirt's (or the transport's) own message. */
export class HostUnavailableError extends Error {
  constructor(
    readonly hostName: string,
    message: string,
  ) {
    super(`${hostName}: ${message}`);
    this.name = "HostUnavailableError";
  }
}
export const isHostUnavailableError = brandError(HostUnavailableError, "HostUnavailableError");

/**
 * How to reach a host; `parked` when an administrator disconnected it (nobody connects until Reconnect); null when
 * there is no such host (any more).
 */
type OptionsFor = (hostId: string) => Promise<{ target: HostTarget; options: ConnectOptions; parked?: boolean } | null>;
type Opener = (uri: string, options: ConnectOptions) => Promise<Libvirt>;

const MAX_RETRY_DELAY_MS = 30_000;
/** The client reconnects by itself once it has been open; these match its backoff for the status text. */
const CLIENT_RECONNECT = { initialDelayMs: 500, maxDelayMs: 10_000 };

/**
 * One host: a main connection for inventory, quick calls and (while this instance holds the host's lease)
 * events, and a second one opened on demand for long jobs (migration, clone, upload) so they never hold up
 * the main queue. Keeps trying with backoff until it connects or is told to stop.
 */
class HostConnection {
  status: HostStatus = { state: "connecting", since: Date.now() };
  private name: string;
  private main: Libvirt | null = null;
  private jobs: Promise<Libvirt> | null = null;
  private loop: Promise<void> | null = null;
  private waiters: Array<{ resolve: (lv: Libvirt) => void; reject: (err: Error) => void }> = [];
  private readonly stop = new AbortController();
  /** The event registrations, held only while this instance owns the host (see own()). */
  private subscriptions: Promise<Subscription | null>[] = [];
  private owned = false;

  constructor(
    readonly hostId: string,
    private readonly optionsFor: OptionsFor,
    private readonly open: Opener,
    private readonly emit: (event: PoolEvent) => void,
    /** Called when the host turns out to be removed: the pool drops this connection. */
    private readonly gone: (conn: HostConnection) => void,
  ) {
    this.name = hostId;
  }

  /** The main connection. Waits for an attempt in progress, but fails at once while the host is retrying. */
  get(): Promise<Libvirt> {
    if (this.main && this.main.client.state === "open") return Promise.resolve(this.main);
    if (this.stop.signal.aborted) return Promise.reject(new HostUnavailableError(this.name, "disconnected by an administrator"));
    this.loop ??= this.connectLoop().finally(() => (this.loop = null));
    if (this.status.state === "retrying") return Promise.reject(new HostUnavailableError(this.name, this.status.message));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * This instance now does the host's long-lived work: connect now (not on first use), keep retrying, and
   * register its events. The current status is announced again for the new owner to record.
   */
  own(): void {
    if (this.owned) return;
    this.owned = true;
    if (this.main?.client.state === "open") void this.subscribe(this.main);
    else this.get().catch(() => undefined);
    this.emit({ type: "status", hostId: this.hostId, hostName: this.name, status: this.status });
  }

  /** Another instance does the long-lived work now: the events are deregistered; the connection stays for calls. */
  disown(): void {
    if (!this.owned) return;
    this.owned = false;
    this.unsubscribe();
  }

  get isOwned(): boolean {
    return this.owned;
  }

  /** A second connection for long jobs; no per-call timeout, since a migration may take an hour. */
  async forJobs(): Promise<Libvirt> {
    const main = await this.get();
    this.jobs ??= main.client.duplicate({ callTimeoutMs: 0 }).then(
      (client) => new Libvirt(client),
      (err) => {
        this.jobs = null;
        throw err;
      },
    );
    return this.jobs;
  }

  private setStatus(status: HostStatus): void {
    this.status = status;
    this.emit({ type: "status", hostId: this.hostId, hostName: this.name, status });
  }

  private settle(result: { lv: Libvirt } | { err: Error }): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if ("lv" in result) w.resolve(result.lv);
      else w.reject(result.err);
    }
  }

  /** Attempts until one succeeds or the host is disconnected; each attempt's outcome settles the waiters. */
  private async connectLoop(): Promise<void> {
    let delay = 1000;
    while (!this.stop.signal.aborted) {
      this.setStatus({ state: "connecting", since: Date.now() });
      try {
        const found = await this.optionsFor(this.hostId);
        if (!found) {
          // Removed (something asked for it while it went, here or on another instance): it is not "lost", and
          // nothing will make it come back, so no status, no retries.
          this.stop.abort();
          this.settle({ err: new HostUnavailableError(this.name, "no such host") });
          this.gone(this);
          return;
        }
        const { target, options, parked } = found;
        this.name = target.name;
        // Parked by an administrator (on any instance): stay away until Reconnect.
        if (parked) this.stop.abort();
        if (this.stop.signal.aborted) break;
        const lv = await this.open(target.uri, { keepalive: true, reconnect: CLIENT_RECONNECT, callTimeoutMs: 60_000, ...options });
        if (this.stop.signal.aborted) {
          await lv.close().catch(() => undefined);
          break;
        }
        this.adopt(lv);
        this.settle({ lv });
        return;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.setStatus({ state: "retrying", since: Date.now(), message, retryAt: Date.now() + delay });
        this.settle({ err: new HostUnavailableError(this.name, message) });
        await sleep(delay, undefined, { signal: this.stop.signal }).catch(() => undefined);
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
      }
    }
    this.settle({ err: new HostUnavailableError(this.name, "disconnected by an administrator") });
    if (this.status.state !== "disconnected") this.setStatus({ state: "disconnected", since: Date.now() });
  }

  private adopt(lv: Libvirt): void {
    this.main = lv;
    this.setStatus({ state: "connected", since: Date.now() });
    lv.client.on("state", (state: string, err?: Error) => {
      if (this.main !== lv || this.stop.signal.aborted) return;
      if (state === "open") {
        this.setStatus({ state: "connected", since: Date.now() });
        // The client re-registered the events, but anything may have changed while it was away.
        this.emit({ type: "resync", hostId: this.hostId });
      } else if (state === "reconnecting") {
        this.setStatus({
          state: "retrying",
          since: Date.now(),
          message: err?.message ?? "connection lost",
          retryAt: Date.now() + CLIENT_RECONNECT.initialDelayMs,
        });
      } else if (state === "closed") {
        this.main = null;
        this.setStatus({ state: "retrying", since: Date.now(), message: err?.message ?? "connection closed", retryAt: Date.now() });
        this.loop ??= this.connectLoop().finally(() => (this.loop = null));
      }
    });
    lv.client.on("reconnectFailed", (err: Error, attempt: number) => {
      if (this.main !== lv) return;
      const delay = Math.min(CLIENT_RECONNECT.initialDelayMs * 2 ** attempt, CLIENT_RECONNECT.maxDelayMs);
      this.setStatus({ state: "retrying", since: Date.now(), message: err.message, retryAt: Date.now() + delay });
    });
    if (this.owned) void this.subscribe(lv);
  }

  /** One registration per event kind per host; the pool fans them out. */
  private async subscribe(lv: Libvirt): Promise<void> {
    this.unsubscribe();
    this.subscriptions = hostEventSpecs.map((spec) =>
      lv.client
        .subscribe(spec, (event) => {
          if (this.owned && this.main === lv) this.emit({ type: "libvirt", hostId: this.hostId, hostName: this.name, event });
        })
        .catch((err: Error) => {
          // Drivers without some event kinds (the test driver has no node devices on some versions) are fine.
          this.emit({ type: "subscribeFailed", hostId: this.hostId, family: spec.family, message: err.message });
          return null;
        }),
    );
    await Promise.all(this.subscriptions);
  }

  private unsubscribe(): void {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    for (const sub of subscriptions) void sub.then((s) => s?.unsubscribe()).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.stop.abort();
    this.subscriptions = [];
    const main = this.main;
    const jobs = this.jobs;
    this.main = null;
    this.jobs = null;
    await Promise.all([main?.close(), jobs?.then((j) => j.close())].map((p) => p?.catch(() => undefined)));
    this.setStatus({ state: "disconnected", since: Date.now() });
  }
}

/** Status and libvirt events name the host as it was called then (its id until its row was first read). */
export type PoolEvent =
  | { type: "status"; hostId: string; hostName: string; status: HostStatus }
  | { type: "resync"; hostId: string }
  | { type: "libvirt"; hostId: string; hostName: string; event: LibvirtEvent }
  | { type: "subscribeFailed"; hostId: string; family: string; message: string };

/**
 * All host connections of this server process. Connections open lazily on first use and stay open;
 * `forget` drops one after its host was edited or removed, `disconnect` parks it until `reconnect`.
 * Hosts this instance holds the lease of are `own`ed: connected at once, retried, and their events
 * registered; any other host's connection serves request-time calls only.
 */
export class HostPool extends EventEmitter {
  private readonly hosts = new Map<string, HostConnection>();
  private readonly ownedIds = new Set<string>();

  constructor(
    private readonly optionsFor: OptionsFor,
    private readonly open: Opener = (uri, options) => Libvirt.open(uri, options),
  ) {
    super();
  }

  private entry(hostId: string): HostConnection {
    let conn = this.hosts.get(hostId);
    if (!conn) {
      conn = new HostConnection(
        hostId,
        this.optionsFor,
        this.open,
        (e) => this.emit("event", e),
        (gone) => this.hosts.get(hostId) === gone && this.hosts.delete(hostId),
      );
      this.hosts.set(hostId, conn);
      if (this.ownedIds.has(hostId)) conn.own();
    }
    return conn;
  }

  /** This instance took the host's lease: connect, keep connected, register its events. */
  own(hostId: string): void {
    this.ownedIds.add(hostId);
    this.entry(hostId).own();
  }

  /** The lease went elsewhere: events stop here; the connection stays for request-time calls. */
  disown(hostId: string): void {
    this.ownedIds.delete(hostId);
    this.hosts.get(hostId)?.disown();
  }

  owns(hostId: string): boolean {
    return this.ownedIds.has(hostId);
  }

  get(hostId: string): Promise<Libvirt> {
    return this.entry(hostId).get();
  }

  forJobs(hostId: string): Promise<Libvirt> {
    return this.entry(hostId).forJobs();
  }

  /** Current status, or null when nobody asked for this host yet. */
  status(hostId: string): HostStatus | null {
    return this.hosts.get(hostId)?.status ?? null;
  }

  async disconnect(hostId: string): Promise<void> {
    const conn = this.entry(hostId);
    await conn.close();
  }

  async reconnect(hostId: string): Promise<Libvirt> {
    await this.forget(hostId);
    return this.get(hostId);
  }

  /** Drops the connection (settings changed, or unparked); an owned host connects again at once. */
  async forget(hostId: string): Promise<void> {
    await this.close(hostId);
    if (this.ownedIds.has(hostId) && !this.hosts.has(hostId)) this.entry(hostId);
  }

  /** The host is gone: no connection, no ownership. Its last status is told while it is still this instance's (recent events). */
  async remove(hostId: string): Promise<void> {
    await this.close(hostId);
    this.ownedIds.delete(hostId);
  }

  /** Closes and drops the host's connection (it says "disconnected" as it goes). */
  private async close(hostId: string): Promise<void> {
    const conn = this.hosts.get(hostId);
    this.hosts.delete(hostId);
    await conn?.close();
  }

  async closeAll(): Promise<void> {
    this.ownedIds.clear();
    await Promise.all([...this.hosts.keys()].map((id) => this.forget(id)));
  }
}
