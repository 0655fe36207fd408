import "server-only";
import { errorFields, log } from "../log";
import { EventEmitter } from "node:events";
import { flagSet, uuidToString, type Libvirt } from "@/lib/libvirt";
import {
  VirConnectGetAllDomainStatsFlags as StatsFlags,
  VirConnectListAllDomainsFlags as ListFlags,
  VirDomainStatsTypes as StatsTypes,
} from "@/lib/libvirt/generated/flags";
import { guestPoint, guestSample, hostPoint, hostSample, type GuestSample, type HostSample } from "./rates";
import { PointRing } from "./ring";
import { GUEST_SERIES, HOST_SERIES, type GuestPoint, type GuestSeries, type HostPoint, type HostSeries } from "@/lib/metrics/series";

// The live half of the metrics: per host, every interval, ONE GET_ALL_DOMAIN_STATS for all running
// guests plus node CPU and memory stats; rates against the previous sample; the latest hour of points
// kept in memory per guest and per host (fixed-size typed rings, ring.ts); each interval's points handed to
// subscribers.

const STATS =
  StatsTypes.VIR_DOMAIN_STATS_STATE |
  StatsTypes.VIR_DOMAIN_STATS_CPU_TOTAL |
  StatsTypes.VIR_DOMAIN_STATS_BALLOON |
  StatsTypes.VIR_DOMAIN_STATS_VCPU |
  StatsTypes.VIR_DOMAIN_STATS_INTERFACE |
  StatsTypes.VIR_DOMAIN_STATS_BLOCK;
// Running guests only (libvirt takes the LIST_DOMAINS_ACTIVE bit here); NOWAIT: a guest busy with a long job (migration, snapshot) reports what it can
// at once instead of holding up the whole host's sample.
const STATS_FLAGS = flagSet(ListFlags.VIR_CONNECT_LIST_DOMAINS_ACTIVE, StatsFlags.VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT);
/** Node memory stats are missing on some drivers (test://); ask again this much later. */
const UNSUPPORTED_RETRY_MS = 5 * 60_000;
const HOST_LIST_REFRESH_MS = 60_000;
export const LIVE_HISTORY_MS = 60 * 60_000;

/** One host's points of one interval, as subscribers receive them. */
export interface MetricsTick {
  hostId: string;
  t: number;
  host: HostPoint;
  guests: { uuid: string; name: string; point: GuestPoint }[];
}
export type MetricsListener = (tick: MetricsTick) => void;

export interface CollectorOptions {
  intervalMs: number;
  /** The host's existing main connection (hostPool().get); a rejection means "skip this host this time". */
  connect: (hostId: string) => Promise<Libvirt>;
  /** Every host to sample, re-read once a minute. */
  hostIds: () => Promise<string[]>;
  historyMs?: number;
  now?: () => number;
}

/** What rollups and history read from the live points (the collector, or seeded points in tests). */
export interface LiveSource {
  readonly intervalMs: number;
  /** How far back the live points reach. */
  readonly liveHistoryMs: number;
  liveSeries(): { hostId: string; guests: string[] }[];
  guestPoints(hostId: string, uuid: string, from?: number, to?: number): GuestPoint[];
  hostPoints(hostId: string, from?: number, to?: number): HostPoint[];
}

type GuestState = { name: string; previous?: GuestSample; ring: PointRing<GuestSeries> };
type HostState = {
  cpus: number;
  previous?: HostSample;
  ring: PointRing<HostSeries>;
  guests: Map<string, GuestState>;
  busy: boolean;
  cpuRetryAt: number;
  memoryRetryAt: number;
  lastTick?: MetricsTick;
};

export class MetricsCollector implements LiveSource {
  private readonly hosts = new Map<string, HostState>();
  private readonly emitter = new EventEmitter();
  private readonly capacity: number;
  private readonly historyMs: number;
  private readonly now: () => number;
  private hostIds: string[] = [];
  private hostIdsAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly options: CollectorOptions) {
    this.emitter.setMaxListeners(0);
    this.historyMs = options.historyMs ?? LIVE_HISTORY_MS;
    // A little over the hour, so an hour's chart is full even when ticks drift.
    this.capacity = Math.ceil(this.historyMs / options.intervalMs) + 30;
    this.now = options.now ?? Date.now;
  }

  get intervalMs(): number {
    return this.options.intervalMs;
  }

  /** Samples every interval until stop(); the timer does not keep the process alive by itself. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = () => {
      if (!this.running) return;
      const started = Date.now();
      void this.collectOnce()
        .catch((err) => log.error(errorFields(err), "metrics: collection failed"))
        .finally(() => {
          if (!this.running) return;
          this.timer = setTimeout(loop, Math.max(0, this.options.intervalMs - (Date.now() - started)));
          this.timer.unref();
        });
    };
    loop();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The hosts to sample changed (this instance took a host's lease): read them again before the next round. */
  refreshHosts(): void {
    this.hostIdsAt = -Infinity;
  }

  /** Another instance samples this host now: its live points and previous sample go (a new holder starts afresh). */
  forgetHost(hostId: string): void {
    this.hosts.delete(hostId);
    this.hostIds = this.hostIds.filter((id) => id !== hostId);
  }

  /** Live points of one host's interval; returns the unsubscribe function. */
  subscribe(hostId: string, listener: MetricsListener): () => void {
    const event = `host:${hostId}`;
    this.emitter.on(event, listener);
    return () => void this.emitter.off(event, listener);
  }

  /** Every host's ticks (the rollup recorder, a fleet view). */
  subscribeAll(listener: MetricsListener): () => void {
    this.emitter.on("tick", listener);
    return () => void this.emitter.off("tick", listener);
  }

  /** One round over every host, in parallel; a host still busy with its previous round is skipped. */
  async collectOnce(): Promise<void> {
    const ids = await this.currentHostIds();
    await Promise.all(ids.map((id) => this.collectHost(id)));
  }

  private async currentHostIds(): Promise<string[]> {
    if (this.now() - this.hostIdsAt >= HOST_LIST_REFRESH_MS) {
      try {
        this.hostIds = await this.options.hostIds();
        this.hostIdsAt = this.now();
        for (const id of this.hosts.keys()) if (!this.hostIds.includes(id)) this.hosts.delete(id);
      } catch (err) {
        log.error(errorFields(err), "metrics: cannot list hosts");
      }
    }
    return this.hostIds;
  }

  private stateOf(hostId: string): HostState {
    let state = this.hosts.get(hostId);
    if (!state) {
      state = { cpus: 0, ring: new PointRing(this.capacity, HOST_SERIES), guests: new Map(), busy: false, cpuRetryAt: 0, memoryRetryAt: 0 };
      this.hosts.set(hostId, state);
    }
    return state;
  }

  /** Samples one host; null when it is unreachable right now or still busy (it is tried again next interval). */
  async collectHost(hostId: string): Promise<MetricsTick | null> {
    const state = this.stateOf(hostId);
    if (state.busy) return null;
    state.busy = true;
    try {
      const lv = await this.options.connect(hostId);
      if (state.cpus === 0) state.cpus = (await lv.host.nodeInfo()).cpus;
      const now = this.now();
      const [records, cpu, memory] = await Promise.all([
        lv.domains.allStats(STATS, STATS_FLAGS),
        now >= state.cpuRetryAt ? lv.host.cpuStats().catch(() => void (state.cpuRetryAt = now + UNSUPPORTED_RETRY_MS)) : undefined,
        now >= state.memoryRetryAt ? lv.host.memoryStats().catch(() => void (state.memoryRetryAt = now + UNSUPPORTED_RETRY_MS)) : undefined,
      ]);
      const at = this.now();
      const tick: MetricsTick = { hostId, t: at, host: { t: at, cpuPercent: null, memUsedKiB: null, memTotalKiB: null }, guests: [] };
      const seen = new Set<string>();
      for (const { domain, stats } of records) {
        const uuid = uuidToString(domain.uuid);
        seen.add(uuid);
        let guest = state.guests.get(uuid);
        if (!guest) {
          guest = { name: domain.name, ring: new PointRing(this.capacity, GUEST_SERIES) };
          state.guests.set(uuid, guest);
        }
        const sample = guestSample(stats, domain.id, at);
        const point = guestPoint(guest.previous, sample, state.cpus);
        guest.previous = sample;
        guest.name = domain.name;
        guest.ring.push(point);
        tick.guests.push({ uuid, name: domain.name, point });
      }
      const sample = hostSample(cpu ?? null, memory ?? null, at);
      tick.host = hostPoint(state.previous, sample);
      state.previous = sample;
      state.ring.push(tick.host);
      this.forgetStopped(state, seen, at);
      state.lastTick = tick;
      this.emit(tick);
      return tick;
    } catch {
      // Unreachable or mid-reconnect: nothing this interval; the previous samples stay for the next.
      return null;
    } finally {
      state.busy = false;
    }
  }

  /** A guest not running any more loses its previous sample now, and its live points once they are an hour old. */
  private forgetStopped(state: HostState, seen: Set<string>, at: number): void {
    for (const [uuid, guest] of state.guests) {
      if (seen.has(uuid)) continue;
      guest.previous = undefined;
      const latest = guest.ring.latestT();
      if (latest === undefined || at - latest > this.historyMs) state.guests.delete(uuid);
    }
  }

  private emit(tick: MetricsTick): void {
    for (const event of [`host:${tick.hostId}`, "tick"]) {
      for (const listener of this.emitter.listeners(event) as MetricsListener[]) {
        try {
          listener(tick);
        } catch (err) {
          log.error(errorFields(err), "metrics: a subscriber failed");
        }
      }
    }
  }

  /** The in-memory points (about the latest hour) of one guest, from <= t < to. */
  guestPoints(hostId: string, uuid: string, from?: number, to?: number): GuestPoint[] {
    return this.hosts.get(hostId)?.guests.get(uuid)?.ring.range(from, to) ?? [];
  }

  hostPoints(hostId: string, from?: number, to?: number): HostPoint[] {
    return this.hosts.get(hostId)?.ring.range(from, to) ?? [];
  }

  /** Hosts with live points, and their guests with live points (for the minute rollups). */
  liveSeries(): { hostId: string; guests: string[] }[] {
    return [...this.hosts].map(([hostId, state]) => ({ hostId, guests: [...state.guests.keys()] }));
  }

  /** Each host's newest round (hosts not sampled for three intervals are left out), for dashboards and exporters. */
  latest(): MetricsTick[] {
    const fresh = this.now() - 3 * this.options.intervalMs;
    return [...this.hosts.values()].flatMap((state) => (state.lastTick && state.lastTick.t >= fresh ? [state.lastTick] : []));
  }

  /** How far back the in-memory points reach. */
  get liveHistoryMs(): number {
    return this.historyMs;
  }
}
