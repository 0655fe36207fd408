import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { MigrationProgress, MigrationResult } from "@/lib/guests/migration-types";
import { applyMigrationPolicy } from "@/lib/host-clusters/migration-policy";
import type { JobView } from "@/lib/jobs/types";
import type { MigrationOptions } from "@/lib/validations/migration";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { clusterPolicyOf, takeMigrationSlot } from "../../host-clusters/migration-policy";
import { hostPool } from "../../hosts/host-pool";
import { jobs } from "../../jobs/jobs";
import { JobWordsError } from "../../jobs/job-error";
import { errorMessage } from "../../jobs/job-row";
import { resolveGuest } from "../guest-target";
import { resolveDestination } from "./destination";
import { recordMigration, watchMigration, type MigrationState } from "./follow-migration";
import { migrationCall } from "./migration-call";
import { blockedRefusal, checkMigration } from "./preflight";

/**
 * Starts a peer-to-peer migration as a job: the preflight runs first and a blocking problem refuses
 * it. The source host's job connection carries the migration call; its main connection polls the job
 * statistics for progress and aborts the job on cancel. Audited on both hosts. libvirt carries the
 * migration on if this console instance goes away: another one follows it (follow-migration.ts).
 * A live migration from a cluster member follows the cluster's migration policy: its default bandwidth and
 * auto-converge, a queue while either host runs its "migrations at once", and an abort when it stalls.
 */
export async function migrateGuest(ctx: VerbContext, { hostId, uuid, ...options }: GuestRef & MigrationOptions): Promise<JobView> {
  const { actor, ip } = ctx;
  const check = await checkMigration(ctx, { hostId, uuid, ...options });
  if (!check.ok) throw blockedRefusal(check);
  const destination = await resolveDestination(actor, hostId, options);
  const peerUri = check.peerUri!;
  const source = await resolveGuest(hostId, uuid);
  const name = source.dom.name;
  const clusterPolicy = await clusterPolicyOf(hostId);
  const applied = applyMigrationPolicy(options, clusterPolicy);
  // The destination's own cluster limits what it receives; only counted for a migration under a policy.
  const destinationLimit = applied.migrationsPerHost === null ? null : ((await clusterPolicyOf(destination.id))?.migrationsPerHost ?? null);
  const { flags, params } = migrationCall(applied.options);
  const state: MigrationState = {
    hostId,
    uuid,
    name,
    sourceName: source.hostName,
    destinationHostId: destination.id,
    mode: options.mode,
    actor: { id: actor.id, username: actor.username },
    ip,
    requestId: ctx.requestId,
    details: {
      to: destination.name,
      from: source.hostName,
      mode: options.mode,
      peerUri,
      ...optionSummary(applied.options),
      ...(clusterPolicy && applied.migrationsPerHost !== null
        ? { clusterPolicy: clusterPolicy.cluster, stallSeconds: applied.stallSeconds }
        : {}),
    },
    sourceTarget: `guest:${source.hostName}/${name} (${uuid})`,
    destinationTarget: `guest:${destination.name}/${name} (${uuid})`,
    stallSeconds: applied.stallSeconds,
  };

  const label = jobLabel("guestMigrate", { guest: name, from: source.hostName, to: destination.name });
  return jobs().start(
    actor.id,
    "guest.migrate",
    label,
    async (job): Promise<MigrationResult> => {
      try {
        await takeMigrationSlot({
          jobId: job.id,
          hosts: [
            { hostId, limit: applied.migrationsPerHost },
            { hostId: destination.id, limit: destinationLimit },
          ],
          signal: job.signal,
          onQueued: () => job.detail({ phase: "queued" } satisfies MigrationProgress),
          claim: () => job.resumable(state),
        });
        job.detail({ phase: "starting" } satisfies MigrationProgress);
        const target = await resolveGuest(hostId, uuid, { forJobs: true });
        const watcher = watchMigration(await hostPool().get(hostId), target.dom, job, state);
        try {
          await target.lv.domains.migrate(target.dom, peerUri, params, flags);
        } catch (err) {
          // libvirt reports the abort as its own "operation aborted"; the policy's reason says more.
          const stalled = watcher.stalled();
          if (stalled) throw new JobWordsError(stalled, { cause: err });
          throw err;
        } finally {
          watcher.stop();
        }
        job.detail({ phase: "finishing" } satisfies MigrationProgress);
      } catch (err) {
        if (job.isOurs()) await recordMigration(state, errorMessage(err));
        throw err;
      }
      if (job.isOurs()) await recordMigration(state);
      return { hostId: destination.id, uuid, name };
    },
    { target: `guest:${hostId}/${uuid}` },
  );
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
