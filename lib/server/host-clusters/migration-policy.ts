import "server-only";
import { hostsAtLimit, type MigrationPolicy, type RunningMigration } from "@/lib/host-clusters/migration-policy";
import { db } from "../db";
import { jobError } from "../jobs/job-error";

const QUEUE_POLL_MS = 1_000;
const lockKey = Symbol.for("virt-console.migration-slots");

/** The migration policy of the cluster `hostId` is in; null outside clusters. */
export async function clusterPolicyOf(hostId: string): Promise<MigrationPolicy | null> {
  const host = await db().host.findUnique({ where: { id: hostId }, include: { cluster: true } });
  const c = host?.cluster;
  if (!c) return null;
  return {
    cluster: c.name,
    migrationsPerHost: c.migrationsPerHost,
    bandwidthMiBs: c.migrationBandwidthMiBs,
    autoConverge: c.migrationAutoConverge,
    stallSeconds: c.migrationStallSeconds,
  };
}

/**
 * Live migrations under way: running guest.migrate jobs that have told libvirt to start (their resume state is
 * written just before), on every console instance, as the job table has them.
 */
async function runningMigrations(exceptJobId: string): Promise<RunningMigration[]> {
  const rows = await db().job.findMany({
    where: { kind: "guest.migrate", status: "running", resume: { not: null }, id: { not: exceptJobId } },
    select: { resume: true },
  });
  return rows.flatMap((r) => {
    try {
      const s = JSON.parse(r.resume ?? "") as { hostId?: unknown; destinationHostId?: unknown; mode?: unknown };
      return typeof s.hostId === "string" && typeof s.destinationHostId === "string" && s.mode === "live"
        ? [{ sourceHostId: s.hostId, destinationHostId: s.destinationHostId }]
        : [];
    } catch {
      return [];
    }
  });
}

/** One check-and-claim at a time in this process, so two migrations do not both take the last slot. */
function serialized<T>(work: () => Promise<T>): Promise<T> {
  const g = globalThis as unknown as Record<symbol, Promise<unknown> | undefined>;
  const next = (g[lockKey] ?? Promise.resolve()).then(work, work);
  g[lockKey] = next.catch(() => undefined);
  return next;
}

/**
 * Waits until neither host of a live migration is at its cluster's "migrations at once" (a host in no cluster
 * has no limit), then runs `claim` (which records the migration as running) before the next one looks. While it
 * waits, `onQueued` hears which hosts are busy; cancelling the job ends the wait. Instances that check at the very
 * same moment may both pass: the limit is kept per instance exactly and across instances at best effort.
 */
export async function takeMigrationSlot({
  jobId,
  hosts,
  signal,
  onQueued,
  claim,
}: {
  jobId: string;
  hosts: { hostId: string; limit: number | null }[];
  signal: AbortSignal;
  onQueued: (busyHostIds: string[]) => void;
  claim: () => Promise<void>;
}): Promise<void> {
  if (hosts.every((h) => h.limit === null)) return claim();
  for (;;) {
    if (signal.aborted) throw jobError("cancelledWhileQueued");
    const busy = await serialized(async () => {
      const full = hostsAtLimit(await runningMigrations(jobId), hosts);
      if (!full.length) await claim();
      return full;
    });
    if (!busy.length) return;
    onQueued(busy);
    await new Promise((r) => setTimeout(r, QUEUE_POLL_MS));
  }
}
