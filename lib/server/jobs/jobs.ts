import "server-only";
import { log } from "../log";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { JobView } from "@/lib/jobs/types";
import { bus } from "../cluster/bus";
import { processSingleton } from "../process-singleton";
import { instanceId, isStopping } from "../cluster/instance";
import { db, type Db } from "../db";
import { ApiError } from "../http/errors";
import { parseArtefacts, removeArtefacts, sameArtefact, type Artefact } from "./artefacts";
import { jobError, storedJobError } from "./job-error";
import { errorMessage, INSTANCE_STOPPED, toJson, toView, type JobRow } from "./job-row";
import { nextSlot, parseRule, type ScheduleRule } from "./schedule-rules";

/** Progress and details reach the database at most this often per job (the pages poll twice a second). */
export const PROGRESS_WRITE_MS = 500;
/** Every running job's row is stamped this often by its instance; cancels missed on the bus are found then too. */
export const JOB_HEARTBEAT_MS = 2_000;
/** How long a finished job stays readable. */
export const KEEP_FINISHED_MS = 10 * 60_000;

export type JobHandle = {
  readonly id: string;
  progress(done: number, total?: number): void;
  detail(detail: unknown): void;
  /** Aborted when the person cancels, or when this instance shuts down and the job cannot be handed over. */
  readonly signal: AbortSignal;
  /**
   * Records `artefact` in the database, then creates it: if this instance dies before the job ends,
   * whoever takes the job over removes it. A failed `create` made nothing, so the record goes again.
   */
  making<T>(artefact: Artefact, create: () => Promise<T>): Promise<T>;
  /** Says libvirt carries the work on by itself, and how another instance follows it (see resumers.ts). */
  resumable(state: unknown): Promise<void>;
  /** False once another instance runs the job (it was handed over or taken over): leave its audit rows to that one. */
  isOurs(): boolean;
};

export type JobRun<T = unknown> = (job: JobHandle) => Promise<T>;

/** The reason a job's signal was aborted. */
export class JobStop extends Error {
  constructor(
    readonly why: "cancel" | "hand-over" | "lost",
    message: string,
  ) {
    super(message);
  }
}

export type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/** A run under way in this process. */
type Local = {
  id: string;
  controller: AbortController;
  made: Artefact[];
  done: number;
  total: number;
  detail?: unknown;
  dirty: boolean;
  lastWrite: number;
  flushTimer?: NodeJS.Timeout;
  /** libvirt carries it on alone: on hand-over or loss it is let go, never aborted. */
  resumable: boolean;
  /** Another instance owns the row now: nothing more is written, the outcome is ignored. */
  detached: boolean;
  schedule: { rule: ScheduleRule; slot: number } | null;
  finished: Promise<Outcome>;
};

export type JobsContext = { db: () => Db; instanceId: () => string; now: () => number };

const busMessage = z.object({ type: z.literal("cancel"), id: z.string() });

/**
 * Long work (volume creation, clones, migrations, snapshots…) runs here, not inside the HTTP request:
 * the request returns the job's id at once and the page polls it. Jobs live in the database, so any
 * console instance answers for them and cancels them, and one whose instance dies is taken over
 * (takeover.ts). Every write about a job names the instance that owns it, so an instance that lost a
 * job (taken over while it looked dead) changes nothing. Only the person who started a job sees it.
 */
export class Jobs {
  readonly context: JobsContext;
  private readonly local = new Map<string, Local>();
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopping = false;

  constructor(context: Partial<JobsContext> = {}) {
    this.context = { db, instanceId, now: Date.now, ...context };
  }

  /** Starts `run` as a job and returns at once. */
  async start(ownerId: string, kind: string, label: string, run: JobRun, options: { target?: string } = {}): Promise<JobView> {
    const row = await this.insert(ownerId, kind, label, options.target ?? "");
    void this.execute(row, run);
    return toView(row);
  }

  /** Runs `run` as a job inside the caller (an upload streaming its request) and returns its result or throws its error. */
  async run<T>(ownerId: string, kind: string, label: string, run: JobRun<T>, options: { target?: string } = {}): Promise<T> {
    const row = await this.insert(ownerId, kind, label, options.target ?? "");
    const outcome = await this.execute(row, run);
    if (!outcome.ok) throw outcome.error;
    return outcome.result as T;
  }

  async get(id: string, ownerId: string): Promise<JobView | null> {
    const row = await this.context.db().job.findFirst({ where: { id, ownerId, status: { not: "scheduled" } } });
    return row ? toView(row) : null;
  }

  /** Asks a running job to stop, wherever it runs: a flag in its row and a message to every instance. */
  async cancel(id: string, ownerId: string): Promise<JobView | null> {
    const { count } = await this.context
      .db()
      .job.updateMany({ where: { id, ownerId, status: "running" }, data: { cancelRequestedAt: new Date(this.context.now()) } });
    if (count === 0) return null;
    this.stopLocal(id, "cancel");
    await bus()
      .publish("jobs", { type: "cancel", id } satisfies z.infer<typeof busMessage>)
      .catch((err: Error) => log.error(`jobs: cancel not sent on the bus (${err.message}); the heartbeat finds it`));
    return this.get(id, ownerId);
  }

  /** Runs a row this instance has just claimed (a takeover, a scheduled run) with the artefacts recorded so far. */
  adopt(row: JobRow, run: JobRun): Promise<Outcome> {
    return this.execute(row, run);
  }

  /** How many runs this process has under way (not handed over). */
  get running(): number {
    return [...this.local.values()].filter((l) => !l.detached).length;
  }

  /**
   * For a graceful stop: no new jobs; work libvirt carries on (a migration) is let go for another
   * instance to follow; everything else is stopped and rolled back, ending as failed with the reason.
   * What does not end within `graceMs` is marked handed over, and the next instance rolls it back.
   */
  async handOver({ graceMs = 3_000 } = {}): Promise<void> {
    this.stopping = true;
    const mine = [...this.local.values()].filter((l) => !l.detached);
    for (const l of mine) {
      if (l.resumable) await this.detach(l);
      else l.controller.abort(new JobStop("hand-over", INSTANCE_STOPPED));
    }
    const stopped = mine.filter((l) => !l.resumable).map((l) => l.finished);
    await Promise.race([Promise.allSettled(stopped), new Promise((r) => setTimeout(r, graceMs).unref())]);
    for (const l of this.local.values()) if (!l.detached) await this.detach(l);
    this.unsubscribe?.();
  }

  private async insert(ownerId: string, kind: string, label: string, target: string): Promise<JobRow> {
    if (this.stopping || isStopping()) throw new ApiError(503, { key: "consoleShuttingDown" });
    const now = new Date(this.context.now());
    return this.context.db().job.create({
      data: {
        id: randomBytes(16).toString("base64url"),
        kind,
        ownerId,
        target,
        label,
        status: "running",
        instanceId: this.context.instanceId(),
        heartbeatAt: now,
        startedAt: now,
      },
    });
  }

  private execute(row: JobRow, run: JobRun): Promise<Outcome> {
    const rule = parseRule(row.rule);
    const l: Local = {
      id: row.id,
      controller: new AbortController(),
      made: parseArtefacts(row.made),
      done: row.done,
      total: row.total,
      dirty: false,
      lastWrite: 0,
      resumable: false,
      detached: false,
      schedule: rule && row.runAt ? { rule, slot: row.runAt.getTime() } : null,
      finished: Promise.resolve({ ok: true, result: undefined }),
    };
    if (row.cancelRequestedAt) l.controller.abort(new JobStop("cancel", "Cancelled"));
    this.local.set(l.id, l);
    this.keepBeating();
    l.finished = (async (): Promise<Outcome> => {
      let outcome: Outcome;
      try {
        outcome = { ok: true, result: await run(this.handle(l)) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      await this.finish(l, outcome).catch((err: Error) => log.error(`jobs: could not record the end of job ${l.id}: ${err.message}`));
      return outcome;
    })();
    return l.finished;
  }

  private handle(l: Local): JobHandle {
    return {
      id: l.id,
      signal: l.controller.signal,
      progress: (done, total) => {
        l.done = done;
        if (total !== undefined) l.total = total;
        this.dirty(l);
      },
      detail: (detail) => {
        l.detail = detail;
        this.dirty(l);
      },
      making: async (artefact, create) => {
        l.made.push(artefact);
        if (!(await this.write(l, { made: JSON.stringify(l.made) }))) throw new Error("This job is run by another console instance now");
        try {
          return await create();
        } catch (err) {
          l.made = l.made.filter((a) => !sameArtefact(a, artefact));
          await this.write(l, { made: JSON.stringify(l.made) }).catch(() => undefined);
          throw err;
        }
      },
      resumable: async (state) => {
        l.resumable = true;
        await this.write(l, { resume: toJson(state) });
      },
      isOurs: () => !l.detached,
    };
  }

  private async finish(l: Local, outcome: Outcome): Promise<void> {
    clearTimeout(l.flushTimer);
    try {
      const reason = l.controller.signal.aborted ? (l.controller.signal.reason as unknown) : null;
      const stop = reason instanceof JobStop ? reason : null;
      // Taken over while this instance looked dead: the new owner rolls back; what was made here since goes too.
      if (l.detached && stop?.why === "lost") await removeArtefacts(l.made);
      if (l.detached) return;
      let error: string | null = null;
      let status = "done";
      if (!outcome.ok) {
        // The run failed: what it made goes (the job's own code may have removed some already; gone counts as removed).
        const left = await removeArtefacts(l.made);
        status = stop?.why === "cancel" ? "cancelled" : "failed";
        const failure = stop?.why === "hand-over" ? jobError("instanceStopped") : outcome.error;
        error = errorMessage(failure);
        // Said by key when the console words it (a page reads it in its language), with what was left behind.
        error = storedJobError(failure, error, left);
      }
      const now = this.context.now();
      const next = l.schedule && nextSlot(l.schedule.rule, l.schedule.slot, now);
      await this.write(l, {
        status: next ? "scheduled" : status,
        ...(next ? { runAt: new Date(next), runs: { increment: 1 } } : l.schedule ? { runs: { increment: 1 } } : {}),
        done: l.done,
        total: l.total,
        detail: toJson(l.detail),
        result: outcome.ok ? toJson(outcome.result) : null,
        error,
        finishedAt: new Date(now),
        heartbeatAt: new Date(now),
        instanceId: null,
        handedOverAt: null,
        cancelRequestedAt: null,
      });
    } finally {
      this.local.delete(l.id);
    }
  }

  /** One conditional write: only while this instance owns the row. False when it does not (any more). */
  private async write(l: Local, data: Parameters<Db["job"]["updateMany"]>[0]["data"]): Promise<boolean> {
    if (l.detached) return false;
    const { count } = await this.context.db().job.updateMany({ where: { id: l.id, instanceId: this.context.instanceId() }, data });
    if (count === 0) this.lose(l);
    return count === 1;
  }

  private dirty(l: Local): void {
    l.dirty = true;
    if (l.flushTimer || l.detached) return;
    const wait = Math.max(0, l.lastWrite + PROGRESS_WRITE_MS - this.context.now());
    l.flushTimer = setTimeout(() => {
      l.flushTimer = undefined;
      void this.flush(l);
    }, wait);
  }

  private async flush(l: Local): Promise<void> {
    if (!l.dirty) return;
    l.dirty = false;
    l.lastWrite = this.context.now();
    await this.write(l, { done: l.done, total: l.total, detail: toJson(l.detail), heartbeatAt: new Date(l.lastWrite) }).catch(
      (err: Error) => log.error(`jobs: progress of ${l.id} not written: ${err.message}`),
    );
  }

  /** Lets a run go to another instance: its last figures are written, then nothing more. */
  private async detach(l: Local): Promise<void> {
    clearTimeout(l.flushTimer);
    const now = new Date(this.context.now());
    await this.write(l, { done: l.done, total: l.total, detail: toJson(l.detail), heartbeatAt: now, handedOverAt: now }).catch(
      () => undefined,
    );
    l.detached = true;
  }

  /** Another instance took the row over (this one looked dead): a job libvirt carries is let go, any other stopped. */
  private lose(l: Local): void {
    if (l.detached) return;
    l.detached = true;
    clearTimeout(l.flushTimer);
    if (!l.resumable) l.controller.abort(new JobStop("lost", "This job is run by another console instance now"));
  }

  private stopLocal(id: string, why: "cancel"): void {
    const l = this.local.get(id);
    if (l && !l.controller.signal.aborted) l.controller.abort(new JobStop(why, "Cancelled"));
  }

  /** While runs are under way here: stamps their rows and picks up cancels the bus did not deliver. */
  private keepBeating(): void {
    this.unsubscribe ??= bus().subscribe("jobs", (payload) => {
      const message = busMessage.safeParse(payload);
      if (message.success) this.stopLocal(message.data.id, "cancel");
    });
    if (this.heartbeat) return;
    this.heartbeat = setInterval(
      () => void this.beat().catch((err: Error) => log.error(`jobs: heartbeat failed: ${err.message}`)),
      JOB_HEARTBEAT_MS,
    );
    this.heartbeat.unref();
  }

  private async beat(): Promise<void> {
    const mine = [...this.local.values()].filter((l) => !l.detached);
    if (mine.length === 0) {
      clearInterval(this.heartbeat ?? undefined);
      this.heartbeat = null;
      return;
    }
    const me = this.context.instanceId();
    const ids = mine.map((l) => l.id);
    const job = this.context.db().job;
    await job.updateMany({ where: { id: { in: ids }, instanceId: me }, data: { heartbeatAt: new Date(this.context.now()) } });
    const rows = await job.findMany({ where: { id: { in: ids } }, select: { id: true, instanceId: true, cancelRequestedAt: true } });
    for (const l of mine) {
      const row = rows.find((r) => r.id === l.id);
      if (!row || row.instanceId !== me) this.lose(l);
      else if (row.cancelRequestedAt) this.stopLocal(l.id, "cancel");
    }
  }
}

/** The process-wide jobs. */
export function jobs(): Jobs {
  return processSingleton("jobs", () => new Jobs());
}
