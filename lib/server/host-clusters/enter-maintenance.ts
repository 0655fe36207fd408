import "server-only";
import { englishTranslator } from "../i18n/english";
import { jobLabel } from "@/lib/server/jobs/job-label";
import { memberProblemInEnglish } from "./problem-english";
import { placeGuest, type PlacementCandidate } from "@/lib/host-clusters/placement";
import { placementText } from "@/lib/host-clusters/placement-words";
import type { MaintenanceReport } from "@/lib/host-clusters/types";
import type { JobView } from "@/lib/jobs/types";
import { migrationOptionsSchema } from "@/lib/validations/migration";
import { auditedTransaction, auditRow } from "../audit";
import { ApiError, notFound } from "../http/errors";
import { errorMessage } from "../jobs/job-row";
import { jobs, type JobHandle } from "../jobs/jobs";
import { migrateGuest } from "../guests/migration/migrate-guest";
import type { VerbContext } from "../verb-context";
import { settingsOf } from "./cluster-view";
import { candidateOf, memberFacts, type RunningGuest } from "./member-facts";

const POLL_MS = 500;
const english = englishTranslator("placementWords");

/**
 * Puts a cluster member into maintenance: it is marked at once (placement skips it), then a job live-migrates
 * its running guests to the members placement chooses, at most the cluster's "migrations at once" together,
 * each through the ordinary migration (preflight, audit, progress). Guests that cannot move (no member can take
 * them, a disk not on shared storage, a preflight refusal, a failed migration) keep running where they are and
 * are listed with why; the operator decides what to do with them. Activate (activate-host.ts) ends it.
 */
export async function enterMaintenance(ctx: VerbContext, { hostId }: { hostId: string }): Promise<JobView> {
  const details: Record<string, unknown> = {};
  let target = `host:${hostId}`;
  const { host, cluster } = await auditedTransaction(
    ctx,
    { action: "host.maintenance.enter", target: () => target, details },
    async (tx) => {
      const row = await tx.host.findUnique({ where: { id: hostId }, include: { cluster: true } });
      if (!row) throw notFound("host");
      target = `host:${row.name}`;
      if (!row.cluster) throw new ApiError(409, { key: "inNoCluster", values: { host: row.name } });
      if (row.maintenanceSince) throw new ApiError(409, { key: "alreadyInMaintenance", values: { host: row.name } });
      details.cluster = row.cluster.name;
      await tx.host.update({ where: { id: hostId }, data: { maintenanceSince: new Date() } });
      return { host: row, cluster: row.cluster };
    },
  );
  return jobs().start(
    ctx.actor.id,
    "host.maintenance",
    jobLabel("maintenance", { host: host.name }),
    (job) => evacuate(ctx, job, host, cluster),
    {
      target: `host:${hostId}`,
    },
  );
}

async function evacuate(
  ctx: VerbContext,
  job: JobHandle,
  host: { id: string; name: string },
  cluster: Parameters<typeof settingsOf>[0],
): Promise<MaintenanceReport> {
  const rules = settingsOf(cluster);
  const members = await memberFacts(cluster);
  const source = members.find((m) => m.id === host.id);
  const report: MaintenanceReport = { host: host.name, moved: [], unmovable: [], moving: [] };
  if (!source?.lv)
    throw new Error(
      `${host.name} is not connected, so its guests cannot be moved: ${source?.error ? memberProblemInEnglish(source.error) : "not a member"}`,
    );
  // What placement knows of the others, updated as guests are sent to them.
  const others: PlacementCandidate[] = members.filter((m) => m.id !== host.id).map(candidateOf);
  const queue = [...source.running];
  const total = queue.length;
  const publish = () => {
    job.progress(report.moved.length + report.unmovable.length, total);
    job.detail({ ...report, moving: [...report.moving] });
  };
  publish();

  const moveOne = async (guest: RunningGuest): Promise<void> => {
    const placed = placeGuest(others, rules, guest);
    if (!placed.ok) {
      report.unmovable.push({ name: guest.name, why: placed.reason });
      return;
    }
    const dest = placed.host;
    dest.freeMemoryMiB -= guest.memoryMiB;
    dest.vcpusPlaced += guest.vcpus;
    dest.guestTags = [...dest.guestTags, ...guest.tags];
    report.moving.push(guest.name);
    publish();
    try {
      const options = migrationOptionsSchema.parse({ destinationHostId: dest.id, mode: "live", persistent: true, undefineSource: true });
      const child = await migrateGuest(ctx, { hostId: host.id, uuid: guest.uuid, ...options });
      const ended = await childEnded(child, ctx.actor.id, job.signal);
      if (ended.status === "done") report.moved.push({ name: guest.name, to: dest.name });
      else report.unmovable.push({ name: guest.name, why: ended.error ?? { key: "migrationEnded", status: ended.status } });
    } catch (err) {
      report.unmovable.push({ name: guest.name, why: errorMessage(err) });
    } finally {
      report.moving = report.moving.filter((n) => n !== guest.name);
      publish();
    }
  };

  const worker = async () => {
    for (let guest = queue.shift(); guest; guest = queue.shift()) {
      if (job.signal.aborted) {
        report.unmovable.push({ name: guest.name, why: { key: "maintenanceCancelled" } });
        continue;
      }
      await moveOne(guest);
    }
  };
  await Promise.all(Array.from({ length: Math.min(rules.maintenanceParallel, Math.max(1, total)) }, worker));
  publish();
  await auditRow(
    ctx,
    {
      action: "host.maintenance.evacuate",
      target: `host:${host.name}`,
      // The audit log is a record in English: placement's reasons worded so.
      details: {
        moved: report.moved,
        unmovable: report.unmovable.map((u) => ({ ...u, why: typeof u.why === "string" ? u.why : placementText(english, u.why) })),
      },
    },
    report.unmovable.length ? "error" : "ok",
  );
  return report;
}

/** Waits for a migration job to end; cancelling the maintenance job cancels it too. */
async function childEnded(child: JobView, ownerId: string, signal: AbortSignal): Promise<JobView> {
  let cancelled = false;
  for (;;) {
    if (signal.aborted && !cancelled) {
      cancelled = true;
      await jobs().cancel(child.id, ownerId);
    }
    const now = await jobs().get(child.id, ownerId);
    if (!now) throw new Error("the migration job went away");
    if (now.status !== "running") return now;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
