import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import { VirConnectListAllDomainsFlags } from "@/lib/libvirt/generated/flags";
import { Domain } from "@/lib/xml";
import { splitLines } from "./lines";
import type { FileSource } from "./sources";
import { commitLines, readCursor, trimLines, type LogKey } from "./store";

export type ReadState = { state: "reading" | "waiting" | "unreadable"; path: string; message?: string };

type Tracked = { key: LogKey; path: string; interval: number; dueAt: number; tailSince: number | null; trimmedAt: number };

export type HostLogsDeps = {
  hostId: string;
  connect: () => Promise<Libvirt>;
  /** Opens the way to the host's files (this machine's, or SFTP); null when the host offers none. */
  files: () => Promise<FileSource | null>;
  pollMs: number;
  maxLines: number;
};

const READ_BYTES = 256 * 1024;
const MAX_IDLE_MS = 30_000;
const DISCOVER_MS = 30_000;
/** An unfinished last line (a prompt waiting for input) is kept as a line once it has waited this long. */
const TAIL_MS = 10_000;
const TRIM_EVERY_MS = 60_000;

/** The serial devices of a running guest that write a log file, by device alias (the console mirrors serial0). */
export function loggedSerials(xml: string): { device: string; path: string }[] {
  const { devices } = Domain.parse(xml);
  return devices.serials.items.flatMap((s, i) => (s.logFile ? [{ device: s.alias ?? `serial${s.targetPort ?? i}`, path: s.logFile }] : []));
}

/**
 * One host's guest serial logs. libvirt's console stream is exclusive (a reader holding it would take the
 * console from a person, or lose it to them), so the console reads what QEMU itself writes: the log file
 * of each serial device that has one (<log file=…/>, written by virtlogd whether or not anyone watches).
 * Running guests are found with one list call every 30 s (sooner after a lifecycle event) and one XML
 * read per guest start; each file is polled for its size (every SERIAL_LOG_POLL_MS while it grows, less
 * often the longer it is quiet, up to 30 s) and read from where the stored cursor stands.
 */
export class HostSerialLogs {
  private readonly tracked = new Map<string, Tracked>();
  private readonly domainIds = new Map<string, number>();
  private readonly states = new Map<string, ReadState>();
  private discoverAt = 0;
  private busy = false;
  private source: FileSource | null = null;

  constructor(private readonly deps: HostLogsDeps) {}

  discoverSoon(): void {
    this.discoverAt = 0;
  }

  state(uuid: string, device: string): ReadState | null {
    return this.states.get(`${uuid}/${device}`) ?? null;
  }

  /** Does what is due; a call while the previous one still runs returns at once. */
  async tick(now = Date.now()): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (now >= this.discoverAt) {
        this.discoverAt = now + DISCOVER_MS;
        await this.discover(now);
      }
      for (const t of [...this.tracked.values()]) if (t.dueAt <= now) await this.read(t, now);
    } catch (err) {
      // The host is away: try again at the next discovery.
      for (const t of this.tracked.values())
        this.states.set(id(t.key), { state: "unreadable", path: t.path, message: (err as Error).message });
      this.closeFiles();
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.tracked.clear();
    this.closeFiles();
  }

  private async discover(now: number): Promise<void> {
    const lv = await this.deps.connect();
    const running = await lv.domains.list(VirConnectListAllDomainsFlags.VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    const alive = new Set(running.map((d) => d.uuid));
    // Guests that stopped: what they wrote last is read once more, then they are let go.
    for (const t of [...this.tracked.values()])
      if (!alive.has(t.key.guestUuid)) {
        await this.read(t, now).catch(() => undefined);
        this.tracked.delete(id(t.key));
      }
    for (const uuid of [...this.domainIds.keys()]) if (!alive.has(uuid)) this.domainIds.delete(uuid);
    // A guest's devices are read once per start (its domain id changes with each start).
    const started = running.filter((d) => this.domainIds.get(d.uuid) !== d.id);
    for (let i = 0; i < started.length; i += 16) {
      await Promise.all(
        started.slice(i, i + 16).map(async (d) => {
          const xml = await lv.domains.xml(d.ref).catch(() => null);
          if (xml === null) return;
          this.domainIds.set(d.uuid, d.id);
          for (const t of [...this.tracked.values()]) if (t.key.guestUuid === d.uuid) this.tracked.delete(id(t.key));
          for (const { device, path } of loggedSerials(xml)) {
            const key = { hostId: this.deps.hostId, guestUuid: d.uuid, device };
            this.tracked.set(id(key), { key, path, interval: this.deps.pollMs, dueAt: now, tailSince: null, trimmedAt: 0 });
          }
        }),
      );
    }
  }

  private async read(t: Tracked, now: number): Promise<void> {
    const files = await this.files();
    if (!files) return;
    const later = (ms: number) => {
      t.interval = ms;
      t.dueAt = now + ms;
    };
    try {
      const cursor = await readCursor(t.key);
      let offset = cursor && cursor.path === t.path ? cursor.offset : 0;
      const size = await files.size(t.path);
      if (size === null) {
        this.states.set(id(t.key), { state: "waiting", path: t.path });
        return later(Math.min(t.interval * 2, MAX_IDLE_MS));
      }
      this.states.set(id(t.key), { state: "reading", path: t.path });
      if (size < offset) {
        // virtlogd rotated the file (it keeps the old one as .0), or the guest started with append off.
        const rotated = await files.size(`${t.path}.0`);
        const rest =
          rotated !== null && rotated > offset ? await files.read(`${t.path}.0`, offset, Math.min(rotated - offset, READ_BYTES)) : null;
        const lines = rest ? splitLines(rest, true).lines : [];
        if (!(await commitLines(t.key, t.path, offset, 0, lines, new Date(now)))) return later(this.deps.pollMs);
        offset = 0;
      }
      if (size === offset)
        return later(t.tailSince !== null ? Math.max(0, t.tailSince + TAIL_MS - now) : Math.min(t.interval * 2, MAX_IDLE_MS));
      const bytes = await files.read(t.path, offset, Math.min(size - offset, READ_BYTES));
      const { lines, consumed } = splitLines(bytes, t.tailSince !== null && now - t.tailSince >= TAIL_MS);
      if (consumed === 0) {
        t.tailSince ??= now;
        return later(Math.max(0, t.tailSince + TAIL_MS - now));
      }
      t.tailSince = consumed < bytes.length ? now : null;
      await commitLines(t.key, t.path, offset, offset + consumed, lines, new Date(now));
      if (now - t.trimmedAt > TRIM_EVERY_MS) {
        t.trimmedAt = now;
        await trimLines(t.key, this.deps.maxLines);
      }
      // More waiting in the file: straight on; else at the busy pace.
      later(offset + bytes.length < size ? 0 : this.deps.pollMs);
    } catch (err) {
      this.states.set(id(t.key), { state: "unreadable", path: t.path, message: (err as Error).message });
      this.closeFiles();
      later(MAX_IDLE_MS);
    }
  }

  private async files(): Promise<FileSource | null> {
    this.source ??= await this.deps.files();
    return this.source;
  }

  private closeFiles(): void {
    this.source?.close();
    this.source = null;
  }
}

const id = (key: LogKey) => `${key.guestUuid}/${key.device}`;
