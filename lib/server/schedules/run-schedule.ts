import "server-only";
import type { JobView } from "@/lib/jobs/types";
import { can } from "@/lib/roles";
import { scheduledSnapshotName, snapshotsToPrune } from "@/lib/schedules/retention";
import { runNote, type RunNote } from "@/lib/schedules/run-notes";
import type { SchedulePayload } from "@/lib/validations/schedules";
import { auditRow } from "../audit";
import { backUpGuest } from "../guest-backups/back-up-guest";
import { ApiError } from "../http/errors";
import { resolveGuest } from "../guests/guest-target";
import { powerGuest } from "../guests/power-guest";
import { stateName } from "../guests/snapshots/list-snapshots";
import { createSnapshot } from "../guests/snapshots/create-snapshot";
import { deleteSnapshot } from "../guests/snapshots/delete-snapshot";
import { readSnapshots } from "../guests/snapshots/snapshot-facts";
import { apiErrorWordsOf, jobError, JobNotesError, jobWordsOf } from "../jobs/job-error";
import { jobs } from "../jobs/jobs";
import type { ScheduledRun } from "../jobs/scheduler";
import type { VerbContext } from "../verb-context";
import { runNoteInEnglish } from "./run-note-english";
import { ownerActor, permissionFor, SCHEDULE_RUN_ACTION, scheduleGuests, scheduleLabel } from "./schedule-facts";

/** How often a run looks at the snapshot jobs it started. */
const POLL_MS = 500;

/** Waits for a job a verb started (a snapshot taken or deleted) and throws its error. */
async function ended(view: JobView, ownerId: string): Promise<unknown> {
  for (;;) {
    const now = await jobs().get(view.id, ownerId);
    if (!now) throw jobError("jobGone");
    if (now.status === "done") return now.result;
    // Its refusal by key when the job stored it so: the run's note says it in each reader's language.
    if (now.status !== "running" && now.errorSaid) throw new ApiError(409, now.errorSaid);
    if (now.status !== "running" && now.errorWords) throw jobError(now.errorWords.key, now.errorWords.values);
    if (now.status !== "running") throw now.error ? new Error(now.error) : jobError("jobEnded", { status: now.status });
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** One guest's part of a run; returns what it did in a few words. */
async function runOn(ctx: VerbContext, payload: SchedulePayload, scheduleId: string, slot: number, hostId: string, uuid: string) {
  const { lv, dom } = await resolveGuest(hostId, uuid, { forJobs: true });
  if (payload.action === "backup") {
    if (!payload.backup) throw new ApiError(409, { key: "scheduleNoBackupPool" });
    const { pool } = payload.backup;
    let kind = payload.backup.kind;
    const retention = { rule: { last: payload.keep ?? 1, ...payload.backup.retain }, timeZone: payload.timeZone };
    // "Incremental when possible": the first run, or one after the chain was broken (a restore in place), is full.
    const started = await backUpGuest(ctx, { hostId, uuid, pool, kind, retention }).catch((err: unknown) => {
      if (kind !== "incremental" || !(err instanceof ApiError) || !/take a full backup/.test(err.message)) throw err;
      kind = "full";
      return backUpGuest(ctx, { hostId, uuid, pool, kind, retention });
    });
    const result = (await ended(started, ctx.actor.id)) as { pruned?: string[] };
    return runNote("backedUp", { guest: dom.name, kind, pool, pruned: result.pruned?.length ?? 0 });
  }
  if (payload.action !== "snapshot") {
    const state = stateName((await lv.domains.info(dom)).state);
    if (payload.action === "start" && state !== "shutoff") return runNote("alreadyInState", { guest: dom.name, state });
    if (payload.action === "shutdown" && state !== "running") return runNote("notRunning", { guest: dom.name, state });
    await powerGuest(ctx, { hostId, uuid, action: payload.action });
    return runNote(payload.action === "start" ? "started" : "askedToShutDown", { guest: dom.name });
  }
  const name = scheduledSnapshotName(scheduleId, slot);
  await ended(await createSnapshot(ctx, { hostId, uuid, name, description: "Taken by a schedule", kind: "internal" }), ctx.actor.id);
  const prune = snapshotsToPrune(await readSnapshots(lv, dom, hostId, uuid), scheduleId, payload.keep ?? 1);
  for (const old of prune) await ended(await deleteSnapshot(ctx, { hostId, uuid, name: old, withChildren: false }), ctx.actor.id);
  return prune.length
    ? runNote("snapshotPruned", { guest: dom.name, name, removed: prune.join(", ") })
    : runNote("snapshot", { guest: dom.name, name });
}

/**
 * One run of a schedule, on the instance that claimed its slot: for its owner as they are now (their
 * grants at the time of the run), on its guest or every guest carrying its tag now. A guest it fails on
 * does not stop the others; the run's audit row ("schedule.run") says what it did on each, and is the
 * schedule's history on the Schedules page.
 */
export async function runSchedule({ payload: raw, scheduledFor, job }: ScheduledRun): Promise<{ summary: (RunNote | string)[] }> {
  const payload = raw as SchedulePayload;
  const row = await jobs()
    .context.db()
    .job.findUnique({ where: { id: job.id }, select: { ownerId: true } });
  const actor = row && (await ownerActor(row.ownerId));
  if (!actor) throw jobError("scheduleOwnerGone");
  const ctx: VerbContext = { actor, ip: "", requestId: "" };
  // Notes with keys for the Schedules page; a verb's refusal by key when it was said so, else its text.
  const summary: (RunNote | string)[] = [];
  let failed = false;
  for (const { hostId, uuid } of await scheduleGuests(payload.target)) {
    if (!can(actor.grants, permissionFor(payload.action), { kind: "guest", hostId, guestUuid: uuid })) {
      summary.push(runNote("ownerMayNot", { guest: uuid }));
      failed = true;
      continue;
    }
    try {
      summary.push(await runOn(ctx, payload, job.id, scheduledFor.getTime(), hostId, uuid));
    } catch (err) {
      failed = true;
      // The verb's refusal by key when it was said so (the page says it), its English beside it.
      const reason = err instanceof Error ? err.message : String(err);
      summary.push(runNote("failed", { guest: uuid, reason }, apiErrorWordsOf(err) ?? undefined, jobWordsOf(err) ?? undefined));
    }
  }
  if (summary.length === 0) summary.push(runNote("noGuest"));
  await auditRow(
    ctx,
    { action: SCHEDULE_RUN_ACTION, target: scheduleLabel(job.id), details: { slot: scheduledFor.getTime(), summary } },
    failed ? "error" : "ok",
  );
  if (failed) throw new JobNotesError(summary, runNoteInEnglish);
  return { summary };
}
