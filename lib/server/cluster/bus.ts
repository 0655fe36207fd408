import "server-only";
import { errorFields, log } from "../log";
import { EventEmitter } from "node:events";
import pg from "pg";
import { env, isPostgresUrl } from "../env";
import { processSingleton } from "../process-singleton";
import { instanceId } from "./instance";

/**
 * Messages between console instances: a change one instance sees (a libvirt event on a host it holds, a
 * grant removed through it, a job cancelled through it) reaches every instance, which tells its own
 * browsers and connections. On PostgreSQL through LISTEN/NOTIFY on one channel; with SQLite (a single
 * instance) in-process. Every subscriber, this instance's own included, hears every message once, so
 * both modes run the same code.
 *
 * Our own rather than a library: LISTEN/NOTIFY is a few lines with `pg`, and the in-process twin must
 * behave identically; a payload must stay below PostgreSQL's 8,000-byte limit (send ids, not documents).
 */
export type BusChannel = "events" | "access" | "jobs" | "leases" | "hosts" | "consoles";

export type BusMessage<T = unknown> = { channel: BusChannel; from: string; payload: T };

type Listener = (message: BusMessage) => void;

export interface Bus {
  publish(channel: BusChannel, payload: unknown): Promise<void>;
  subscribe(channel: BusChannel, listener: (payload: unknown, message: BusMessage) => void): () => void;
  /** Called after the link to the other instances was down: messages may have been missed, so re-read. */
  onResync(listener: () => void): () => void;
  close(): Promise<void>;
}

const MAX_PAYLOAD_BYTES = 7_900;
/** Messages sent in one query at most. */
const MAX_BATCH = 500;

class LocalBus implements Bus {
  protected readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: BusChannel, payload: unknown): Promise<void> {
    this.deliver({ channel, from: instanceId(), payload });
  }

  subscribe(channel: BusChannel, listener: (payload: unknown, message: BusMessage) => void): () => void {
    const wrapped: Listener = (m) => {
      try {
        listener(m.payload, m);
      } catch (err) {
        log.error({ channel, ...errorFields(err) }, "bus listener failed");
      }
    };
    this.emitter.on(channel, wrapped);
    return () => this.emitter.off(channel, wrapped);
  }

  onResync(listener: () => void): () => void {
    this.emitter.on("resync", listener);
    return () => this.emitter.off("resync", listener);
  }

  protected deliver(message: BusMessage): void {
    this.emitter.emit(message.channel, message);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const PG_CHANNEL = "virt_console";

class PostgresBus extends LocalBus {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private closed = false;
  private retryMs = 500;
  /** Messages waiting for the query under way; they go out together in the next one. */
  private waiting: { text: string; done: (err?: Error) => void }[] = [];
  private sending = false;
  private seq = 0;

  constructor(private readonly url: string) {
    super();
    void this.connection().catch(() => undefined);
  }

  override publish(channel: BusChannel, payload: unknown): Promise<void> {
    // The sequence number keeps two identical messages sent in one query apart (PostgreSQL folds identical
    // notifications of one transaction into one).
    const text = JSON.stringify({ channel, from: instanceId(), seq: this.seq++, payload });
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES)
      return Promise.reject(new Error(`bus message on ${channel} is too large (${text.length} bytes)`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ text, done: (err) => (err ? reject(err) : resolve()) });
      void this.send();
    });
  }

  /**
   * One query at a time on the listening connection (pg no longer queues concurrent ones for us), each carrying
   * every message that waited for the one before, in order: a busy instance (hundreds of hosts' live ticks a
   * second) needs a round trip per batch, not per message.
   */
  private async send(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          const client = await this.connection();
          await client.query("SELECT pg_notify($1, m) FROM unnest($2::text[]) AS m", [PG_CHANNEL, batch.map((b) => b.text)]);
          for (const b of batch) b.done();
        } catch (err) {
          for (const b of batch) b.done(err as Error);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** Resolves once this bus listens (tests start a second instance's bus and wait for it). */
  async ready(): Promise<void> {
    await this.connection();
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on("notification", (n) => {
        if (n.channel !== PG_CHANNEL || !n.payload) return;
        try {
          this.deliver(JSON.parse(n.payload) as BusMessage);
        } catch {
          log.warn("bus: ignored a malformed message");
        }
      });
      client.on("error", (err) => this.lost(client, err));
      client.on("end", () => this.lost(client, new Error("connection ended")));
      await client.connect();
      await client.query(`LISTEN ${PG_CHANNEL}`);
      this.client = client;
      this.retryMs = 500;
      return client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    log.warn(errorFields(err), "bus: lost the link to PostgreSQL; reconnecting");
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.closed) return;
      this.connection()
        .then(() => this.emitter.emit("resync"))
        .catch(() => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          setTimeout(retry, this.retryMs).unref();
        });
    };
    setTimeout(retry, this.retryMs).unref();
  }

  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}

/** Tests play a second instance with a bus of its own. */
export { PostgresBus as PostgresBusForTests };

export function bus(): Bus {
  return processSingleton<Bus>("bus", () => {
    const url = env().DATABASE_URL;
    return isPostgresUrl(url) ? new PostgresBus(url) : new LocalBus();
  });
}
