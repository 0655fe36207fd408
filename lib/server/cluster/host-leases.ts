import "server-only";
import { log } from "../log";
import type { Db } from "../db";
import { DEAD_AFTER_MS } from "./instance";
import { planLeases, type LeaseRow } from "./lease-plan";

/** How often the holder renews its leases and every instance looks at the spread. */
export const LEASE_TICK_MS = 2_000;
/**
 * A lease not renewed for this long is free for another instance to take: three renewals missed. An instance
 * killed just after renewing loses its hosts this long after its death, and the others take them at their next
 * round, so within LEASE_TTL_MS + LEASE_TICK_MS (8 s) plus the round itself. An instance that dies stops counting
 * for the spread DEAD_AFTER_MS after its last heartbeat, which is no later than its leases run out.
 */
export const LEASE_TTL_MS = 3 * LEASE_TICK_MS;
/** Room for clocks that differ a little: the holder stops a host's work this long before its lease could expire. */
const FENCE_MARGIN_MS = 1_000;
/** Free hosts inserted per statement. */
const ACQUIRE_CHUNK = 100;

/** What holding a host means on this instance: its long-lived work starts and stops with the lease. */
export type HostWork = { start(hostId: string): Promise<void>; stop(hostId: string): void };

export type HostLeasesOptions = {
  db: Db;
  instanceId: string;
  work: HostWork;
  /** Tells the other instances that hosts were handed over or added, so they look at once. */
  nudgeOthers?: () => void;
  ttlMs?: number;
  tickMs?: number;
  now?: () => number;
};

/**
 * Host ownership by lease (table HostLease): each host's long-lived work (events, status, metrics and
 * rollups, recent events) runs on exactly one instance, the holder of its lease, which renews it every
 * LEASE_TICK_MS. Hosts are spread evenly over the live instances (lease-plan.ts); the leases of an instance
 * that dies run out after LEASE_TTL_MS and are taken by the others, one that stops hands them over at once.
 * An instance whose renewals fail stops the work before its leases could have run out (it cannot know
 * whether another instance took over).
 */
export class HostLeases {
  private readonly held = new Set<string>();
  private readonly running = new Set<string>();
  private validUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly ttl: number;
  private readonly now: () => number;

  constructor(private readonly o: HostLeasesOptions) {
    this.ttl = o.ttlMs ?? LEASE_TTL_MS;
    this.now = o.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.o.tickMs ?? LEASE_TICK_MS);
    this.timer.unref();
  }

  /** Look at the spread shortly (hosts were handed over or added somewhere); bursts collapse into one look. */
  nudge(): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.tick();
    }, 100);
    this.soon.unref();
  }

  holds(hostId: string): boolean {
    return this.held.has(hostId) && this.now() < this.validUntil;
  }

  heldIds(): string[] {
    return this.now() < this.validUntil ? [...this.held] : [];
  }

  /** One round: renew, follow what the table says is ours, then take and hand over to even out the spread. */
  tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = this.round()
      .catch((err: Error) => log.error(`host leases: ${err.message}`))
      .finally(() => {
        this.ticking = null;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.tick();
        }
      });
    return this.ticking;
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    const { db, instanceId: me } = this.o;
    const started = this.now();
    try {
      await db.hostLease.updateMany({ where: { instanceId: me }, data: { expiresAt: new Date(started + this.ttl) } });
      this.validUntil = started + this.ttl - FENCE_MARGIN_MS;
    } catch (err) {
      if (this.now() >= this.validUntil) this.follow(new Set());
      throw new Error(`cannot renew (${(err as Error).message})`);
    }
    const [hosts, rows, instances] = await Promise.all([
      db.host.findMany({ select: { id: true } }),
      db.hostLease.findMany({ select: { hostId: true, instanceId: true, expiresAt: true } }),
      db.instance.findMany({
        where: { heartbeatAt: { gt: new Date(started - DEAD_AFTER_MS) }, stoppingAt: null },
        select: { id: true },
      }),
    ]);
    if (this.stopped) return;
    const leases: LeaseRow[] = rows.map((r) => ({ ...r, expiresAt: r.expiresAt.getTime() }));
    const hostIds = hosts.map((h) => h.id);
    this.follow(new Set(leases.filter((l) => l.instanceId === me && hostIds.includes(l.hostId)).map((l) => l.hostId)));

    const workers = [...new Set([...instances.map((i) => i.id), me])];
    const plan = planLeases({ me, hostIds, leases, workers, now: this.now() });
    for (const hostId of plan.release) {
      this.drop(hostId);
      await db.hostLease.deleteMany({ where: { hostId, instanceId: me } });
    }
    for (const hostId of await this.acquire(plan.take, leases)) this.begin(hostId);
    if (plan.release.length) this.o.nudgeOthers?.();
  }

  /**
   * Takes free hosts in a few statements, however many there are (a round must stay short: the next renewal waits
   * for it): new rows, and rows whose lease ran out, still unchanged since we read them. Other instances may race
   * for the same hosts; the database decides, and the rows read back say which are ours.
   */
  private async acquire(take: readonly string[], leases: readonly LeaseRow[]): Promise<string[]> {
    if (take.length === 0) return [];
    const { db, instanceId: me } = this.o;
    const now = this.now();
    const data = { instanceId: me, expiresAt: new Date(now + this.ttl), acquiredAt: new Date(now) };
    const seen = new Map(leases.map((l) => [l.hostId, l]));
    const expiredBy = new Map<string, string[]>();
    const fresh: string[] = [];
    for (const hostId of take) {
      const holder = seen.get(hostId)?.instanceId;
      if (holder === undefined) fresh.push(hostId);
      else expiredBy.set(holder, [...(expiredBy.get(holder) ?? []), hostId]);
    }
    for (const [holder, hostIds] of expiredBy)
      await db.hostLease
        .updateMany({ where: { hostId: { in: hostIds }, instanceId: holder, expiresAt: { lte: new Date(now) } }, data })
        .catch((err: Error) => log.warn(`host leases: taking ${hostIds.length} hosts of ${holder}: ${err.message}`));
    for (let i = 0; i < fresh.length; i += ACQUIRE_CHUNK) {
      const chunk = fresh.slice(i, i + ACQUIRE_CHUNK);
      // One insert for the chunk; when another instance was quicker for one of them (or a host was removed
      // meanwhile), each row on its own.
      await db.hostLease
        .createMany({ data: chunk.map((hostId) => ({ hostId, ...data })) })
        .catch(() => Promise.allSettled(chunk.map((hostId) => db.hostLease.create({ data: { hostId, ...data } }))));
    }
    const won = await db.hostLease.findMany({ where: { hostId: { in: [...take] }, instanceId: me }, select: { hostId: true } });
    return won.map((l) => l.hostId);
  }

  /** Makes the running work match the leases we hold. */
  private follow(ours: Set<string>): void {
    for (const hostId of [...this.held]) if (!ours.has(hostId)) this.drop(hostId);
    for (const hostId of ours) if (!this.held.has(hostId)) this.begin(hostId);
  }

  private begin(hostId: string): void {
    this.held.add(hostId);
    if (this.running.has(hostId)) return;
    this.running.add(hostId);
    this.o.work.start(hostId).catch((err: Error) => log.error(`host leases: starting ${hostId} failed: ${err.message}`));
  }

  private drop(hostId: string): void {
    this.held.delete(hostId);
    if (!this.running.delete(hostId)) return;
    this.o.work.stop(hostId);
  }

  /** Graceful stop: the work ends and the leases are given up at once, for the other instances to take. */
  async releaseAll(): Promise<string[]> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.ticking;
    const released = [...this.held];
    for (const hostId of released) this.drop(hostId);
    this.validUntil = 0;
    await this.o.db.hostLease.deleteMany({ where: { instanceId: this.o.instanceId } });
    if (released.length) this.o.nudgeOthers?.();
    return released;
  }
}
