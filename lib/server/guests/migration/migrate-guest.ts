import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainJobType } from "@/lib/libvirt/generated/flags";
import type { MigrationProgress, MigrationResult } from "@/lib/guests/migration-types";
import type { JobView } from "@/lib/jobs/types";
import type { MigrationOptions } from "@/lib/validations/migration";
import type { Actor } from "../../auth/session";
import { audit } from "../../audit";
import { ApiError } from "../../http/errors";
import { hostPool } from "../../hosts/host-pool";
import { jobs, type JobHandle } from "../../jobs/jobs";
import { auditedGuestChange, resolveGuest } from "../guest-target";
import { hostInventory } from "../inventory";
import { resolveDestination } from "./destination";
import { migrationCall } from "./migration-call";
import { checkMigration, describeBlocking } from "./preflight";

const POLL_MS = 500;

/**
 * Starts a peer-to-peer migration as a job: the preflight runs first and a blocking problem refuses
 * it. The source host's job connection carries the migration call; its main connection polls the job
 * statistics for progress and aborts the job on cancel. Audited on both hosts.
 */
export async function migrateGuest(actor: Actor, ip: string, hostId: string, uuid: string, options: MigrationOptions): Promise<JobView> {
  const check = await checkMigration(actor, hostId, uuid, options);
  if (!check.ok) throw new ApiError(409, describeBlocking(check));
  const destination = await resolveDestination(actor, hostId, options);
  const peerUri = check.peerUri!;
  const source = await resolveGuest(hostId, uuid);
  const name = source.dom.name;
  const { flags, params } = migrationCall(options);
  const details = { to: destination.name, from: source.hostName, mode: options.mode, peerUri, ...optionSummary(options) };

  return jobs().start(actor.id, "guest.migrate", `Migrating ${name} from ${source.hostName} to ${destination.name}`, async (job) => {
    const destinationRow = (result: "ok" | "error", error?: string) =>
      audit({
        actor,
        action: "guest.migrate",
        target: `guest:${destination.name}/${name} (${uuid})`,
        details: { ...details, ...(error ? { error } : {}) },
        result,
        ip,
      });
    try {
      const result = await auditedGuestChange(
        { actor, ip, action: "guest.migrate", hostId, uuid, details },
        async (target): Promise<MigrationResult> => {
          job.detail({ phase: "starting" } satisfies MigrationProgress);
          const watcher = watchJob(await hostPool().get(hostId), target.dom, job);
          try {
            await target.lv.domains.migrate(target.dom, peerUri, params, flags);
          } finally {
            watcher.stop();
          }
          job.detail({ phase: "finishing" } satisfies MigrationProgress);
          return { hostId: destination.id, uuid, name };
        },
        { forJobs: true },
      );
      await destinationRow("ok");
      return result;
    } catch (err) {
      await destinationRow("error", err instanceof Error ? err.message : String(err));
      throw err;
    } finally {
      hostInventory(destination.id).invalidate();
      hostInventory(hostId).invalidate();
    }
  });
}

function optionSummary(o: MigrationOptions): Record<string, unknown> {
  return {
    persistent: o.persistent,
    undefineSource: o.undefineSource,
    copyStorage: o.copyStorage,
    bandwidthMiBs: o.bandwidthMiBs,
    autoConverge: o.autoConverge,
    compression: o.compression,
    migrateUri: o.migrateUri,
  };
}

/** Follows libvirt's statistics of the running migration; on cancel, aborts it (again, until it stops). */
function watchJob(lv: Libvirt, dom: DomainRef, job: JobHandle): { stop(): void } {
  let stopped = false;
  const poll = async () => {
    if (stopped) return;
    const { VIR_DOMAIN_JOB_NONE } = VirDomainJobType;
    const { type, stats } = await lv.domains
      .jobStats(dom)
      .catch(() => ({ type: VIR_DOMAIN_JOB_NONE, stats: {} as Record<string, unknown> }));
    if (stopped || type === VIR_DOMAIN_JOB_NONE) return;
    const num = (key: string) => (typeof stats[key] === "bigint" || typeof stats[key] === "number" ? Number(stats[key]) : undefined);
    const progress: MigrationProgress = {
      phase: "copying",
      dataTotal: num("data_total"),
      dataProcessed: num("data_processed"),
      dataRemaining: num("data_remaining"),
      bytesPerSecond:
        num("memory_bps") !== undefined || num("disk_bps") !== undefined ? (num("memory_bps") ?? 0) + (num("disk_bps") ?? 0) : undefined,
      expectedDowntimeMs: num("downtime"),
      elapsedMs: num("time_elapsed"),
    };
    job.detail(progress);
    if (progress.dataTotal) job.progress(Math.min(progress.dataProcessed ?? 0, progress.dataTotal), progress.dataTotal);
  };
  const timer = setInterval(() => void poll(), POLL_MS);
  // A cancel that lands before libvirt has started its job finds nothing to abort: keep asking.
  let abortTimer: NodeJS.Timeout | null = null;
  const abort = () => {
    if (stopped) return;
    lv.domains.abortJob(dom).catch(() => {
      if (!stopped) abortTimer = setTimeout(abort, 200);
    });
  };
  job.signal.addEventListener("abort", abort, { once: true });
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
      if (abortTimer) clearTimeout(abortTimer);
      job.signal.removeEventListener("abort", abort);
    },
  };
}
