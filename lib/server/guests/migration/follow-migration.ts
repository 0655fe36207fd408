import "server-only";
import { z } from "zod";
import type { MigrationProgress, MigrationResult } from "@/lib/guests/migration-types";
import { StallDetector, stallReason } from "@/lib/guests/migration-stall";
import type { JobErrorWords } from "@/lib/jobs/words";
import { uuidFromString, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import type { TypedParamValue } from "@/lib/libvirt/api/typed-params";
import { auditRow } from "../../audit";
import { hostPool } from "../../hosts/host-pool";
import { jobError, JobWordsError } from "../../jobs/job-error";
import type { JobHandle } from "../../jobs/jobs";
import { hostInventory } from "../inventory";

const POLL_MS = 500;
const VIR_DOMAIN_JOB_NONE = 0;

/**
 * What a guest.migrate job records before libvirt starts (`job.resumable`): enough for another console
 * instance to follow the migration on the source host to its end and write the audit rows, if the
 * instance that started it goes away. A peer-to-peer migration runs inside the source host's libvirtd,
 * which carries it on when the client that asked for it disconnects.
 */
export const migrationStateSchema = z.object({
  hostId: z.string(),
  uuid: z.string(),
  name: z.string(),
  sourceName: z.string(),
  destinationHostId: z.string(),
  mode: z.enum(["live", "offline"]),
  actor: z.object({ id: z.string().nullable(), username: z.string() }),
  ip: z.string(),
  requestId: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
  /** The audit targets on both hosts. */
  sourceTarget: z.string(),
  destinationTarget: z.string(),
  /** The source cluster's stall timeout in seconds (0 or absent = never). */
  stallSeconds: z.number().int().min(0).optional(),
});
export type MigrationState = z.infer<typeof migrationStateSchema>;

/** The guest.migrate audit row on both hosts, and both inventories re-read. */
export async function recordMigration(state: MigrationState, error?: string): Promise<void> {
  const result = error === undefined ? "ok" : "error";
  const details = { ...state.details, ...(error === undefined ? {} : { error }) };
  for (const target of [state.sourceTarget, state.destinationTarget])
    await auditRow(state, { action: "guest.migrate", target, details }, result);
  hostInventory(state.destinationHostId).invalidate();
  hostInventory(state.hostId).invalidate();
}

const num = (stats: Record<string, TypedParamValue>, key: string) =>
  typeof stats[key] === "bigint" || typeof stats[key] === "number" ? Number(stats[key]) : undefined;

/** libvirt's job statistics of a migration as the page shows them. */
function progressOf(stats: Record<string, TypedParamValue>): MigrationProgress {
  const memory = num(stats, "memory_bps");
  const disk = num(stats, "disk_bps");
  return {
    phase: "copying",
    dataTotal: num(stats, "data_total"),
    dataProcessed: num(stats, "data_processed"),
    dataRemaining: num(stats, "data_remaining"),
    bytesPerSecond: memory !== undefined || disk !== undefined ? (memory ?? 0) + (disk ?? 0) : undefined,
    expectedDowntimeMs: num(stats, "downtime"),
    elapsedMs: num(stats, "time_elapsed"),
  };
}

/** One reading of the source host's job statistics into the job; null when no libvirt job runs (or the guest is gone). */
async function readOnce(lv: Libvirt, dom: DomainRef, job: JobHandle): Promise<MigrationProgress | null> {
  const reading = await lv.domains.jobStats(dom).catch(() => null);
  if (!reading || reading.type === VIR_DOMAIN_JOB_NONE) return null;
  const progress = progressOf(reading.stats);
  job.detail(progress);
  if (progress.dataTotal) job.progress(Math.min(progress.dataProcessed ?? 0, progress.dataTotal), progress.dataTotal);
  return progress;
}

/**
 * The stall rule of the source's cluster: each reading feeds the detector; once the data left has not shrunk
 * for `stallSeconds`, libvirt's job is aborted (virDomainAbortJob) and `reason` says why, once.
 */
function stallGuard(lv: Libvirt, dom: DomainRef, state: { stallSeconds?: number; name: string; sourceName: string }) {
  const seconds = state.stallSeconds ?? 0;
  const detector = new StallDetector(seconds * 1000);
  let reason: JobErrorWords | null = null;
  return {
    reason: () => reason,
    feed(progress: MigrationProgress | null) {
      // No total means libvirt had no figures to give (see StallDetector).
      if (reason || !progress || !detector.sample(progress.dataTotal ? progress.dataRemaining : undefined, Date.now())) return;
      reason = stallReason(seconds, state.name, state.sourceName);
      lv.domains.abortJob(dom).catch(() => undefined); // the job ended by itself meanwhile: nothing to abort
    },
  };
}

/** Aborts libvirt's job on cancel, again until it stops (a cancel before libvirt's job starts finds nothing to abort). */
function abortOnCancel(lv: Libvirt, dom: DomainRef, job: JobHandle): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const abort = () => {
    if (stopped) return;
    lv.domains.abortJob(dom).catch(() => {
      if (!stopped) timer = setTimeout(abort, 200);
    });
  };
  if (job.signal.aborted) abort();
  else job.signal.addEventListener("abort", abort, { once: true });
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    job.signal.removeEventListener("abort", abort);
  };
}

/**
 * Follows the running migration's statistics while the migration call is pending; cancel aborts it, and so
 * does a stall under the cluster's policy (`stalled()` then says why).
 */
export function watchMigration(
  lv: Libvirt,
  dom: DomainRef,
  job: JobHandle,
  state: { stallSeconds?: number; name: string; sourceName: string },
): { stop(): void; stalled(): JobErrorWords | null } {
  let stopped = false;
  const guard = stallGuard(lv, dom, state);
  const timer = setInterval(() => {
    if (!stopped) void readOnce(lv, dom, job).then((p) => (stopped ? undefined : guard.feed(p)));
  }, POLL_MS);
  const stopAborting = abortOnCancel(lv, dom, job);
  return {
    stalled: guard.reason,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      stopAborting();
    },
  };
}

/**
 * Takes over a migration whose console instance went away: follows libvirt's job on the source host
 * until it ends (progress as before, cancel still aborts it), then looks where the guest is. On the
 * destination (running, for a live migration) it is done; otherwise it stayed on the source.
 */
export async function resumeMigration(job: JobHandle, raw: unknown): Promise<MigrationResult> {
  const state = migrationStateSchema.parse(raw);
  try {
    const source = await hostPool().get(state.hostId);
    const dom = await source.domains.lookupByUuid(uuidFromString(state.uuid)).catch(() => null);
    const guard = dom ? stallGuard(source, dom, state) : null;
    if (dom && guard) {
      const stopAborting = abortOnCancel(source, dom, job);
      try {
        for (let p = await readOnce(source, dom, job); p; p = await readOnce(source, dom, job)) {
          guard.feed(p);
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } finally {
        stopAborting();
      }
    }
    job.detail({ phase: "finishing" } satisfies MigrationProgress);
    if (!(await arrived(state))) {
      const stalled = guard?.reason();
      if (job.signal.aborted) throw jobError("cancelled");
      throw stalled ? new JobWordsError(stalled) : jobError("notCompleted", { guest: state.name, source: state.sourceName });
    }
    await recordMigration(state);
    return { hostId: state.destinationHostId, uuid: state.uuid, name: state.name };
  } catch (err) {
    await recordMigration(state, err instanceof Error ? err.message : String(err));
    throw err;
  }
}

async function arrived(state: MigrationState): Promise<boolean> {
  const destination = await hostPool().get(state.destinationHostId);
  const there = await destination.domains.lookupByUuid(uuidFromString(state.uuid)).catch(() => null);
  if (!there) return false;
  return state.mode === "offline" || destination.domains.isActive(there);
}
