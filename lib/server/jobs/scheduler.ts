import "server-only";
import { processSingleton } from "../process-singleton";
import { randomBytes } from "node:crypto";
import { isStopping } from "../cluster/instance";
import { toJson } from "./job-row";
import { jobs, type JobHandle, type Jobs } from "./jobs";
import { firstSlot, ruleSchema, type ScheduleRule } from "./schedule-rules";

/** When a schedule runs: once, every N milliseconds, or when a cron expression matches in a time zone. */
export type When = { at: Date | number } | { everyMs: number } | { cron: string; tz: string };

export type ScheduledRun = { payload: unknown; scheduledFor: Date; job: JobHandle };
export type ScheduledHandler = (run: ScheduledRun) => Promise<unknown>;

type ScheduleOptions = {
  /** A stable name: every instance may ensure the same schedule at start and one row results. */
  key?: string;
  label?: string;
  /** The person it runs for, who can follow its runs like their jobs; "" for the console's own. */
  ownerId?: string;
};

const toRule = (when: When): ScheduleRule =>
  ruleSchema.parse("at" in when ? { at: typeof when.at === "number" ? when.at : when.at.getTime() } : when);

/**
 * Runs kinds of work at a time or every N, on the jobs table: a schedule is a Job row that waits as
 * "scheduled" until its slot, and each run is a job (progress, heartbeat, takeover). When a slot comes
 * due, the instances that handle the kind race to claim it with one conditional UPDATE; exactly one
 * wins and runs it, so a run happens once however many instances there are. A recurring run never
 * overlaps the previous one (the row is "running" meanwhile). Missed slots run once, never as a burst
 * (`nextSlot`); a run whose instance died is not repeated: it ends as failed and the schedule moves on
 * to its next slot.
 */
export class Scheduler {
  private readonly handlers = new Map<string, ScheduledHandler>();

  constructor(private readonly jobs: Jobs) {}

  /** What runs for `kind` on this instance. Instances without a handler leave the kind's slots to others. */
  handle(kind: string, handler: ScheduledHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Adds a schedule, or with `key` makes sure it exists with this rule and payload; returns its id. */
  async schedule(kind: string, when: When, payload: unknown = null, options: ScheduleOptions = {}): Promise<string> {
    const { db, now } = this.jobs.context;
    const rule = toRule(when);
    const fields = {
      kind,
      label: options.label ?? kind,
      ownerId: options.ownerId ?? "",
      rule: JSON.stringify(rule),
      payload: toJson(payload),
    };
    if (options.key) {
      const existing = await db().job.findUnique({ where: { scheduleKey: options.key } });
      if (existing) {
        const changed = existing.rule !== fields.rule;
        await db().job.update({
          where: { id: existing.id },
          // A new rule starts from now; the same rule keeps its slot (a restart does not shift it).
          data: { ...fields, ...(changed && existing.status === "scheduled" ? { runAt: new Date(firstSlot(rule, now())) } : {}) },
        });
        return existing.id;
      }
    }
    const at = new Date(now());
    try {
      const row = await db().job.create({
        data: {
          id: randomBytes(16).toString("base64url"),
          ...fields,
          scheduleKey: options.key ?? null,
          status: "scheduled",
          runAt: new Date(firstSlot(rule, at.getTime())),
          heartbeatAt: at,
          startedAt: at,
        },
      });
      return row.id;
    } catch (err) {
      // Another instance created the same keyed schedule a moment earlier.
      const row = options.key ? await db().job.findUnique({ where: { scheduleKey: options.key } }) : null;
      if (row) return row.id;
      throw err;
    }
  }

  async unschedule(id: string): Promise<void> {
    await this.jobs.context.db().job.deleteMany({ where: { id, status: "scheduled" } });
  }

  /** Claims and starts the due runs this instance handles; returns their schedule ids. Called every second. */
  async tick(): Promise<string[]> {
    if (isStopping() || this.handlers.size === 0) return [];
    const { db, instanceId, now } = this.jobs.context;
    const at = new Date(now());
    const due = await db().job.findMany({
      where: { status: "scheduled", runAt: { lte: at }, kind: { in: [...this.handlers.keys()] } },
      orderBy: { runAt: "asc" },
      take: 20,
    });
    const started: string[] = [];
    for (const row of due) {
      const fresh = { done: 0, total: 0, detail: null, result: null, error: null, made: "[]", resume: null, cancelRequestedAt: null };
      const { count } = await db().job.updateMany({
        where: { id: row.id, status: "scheduled", runAt: row.runAt },
        data: {
          ...fresh,
          status: "running",
          instanceId: instanceId(),
          heartbeatAt: at,
          startedAt: at,
          finishedAt: null,
          handedOverAt: null,
        },
      });
      if (count !== 1) continue;
      const handler = this.handlers.get(row.kind)!;
      const payload: unknown = row.payload === null ? null : JSON.parse(row.payload);
      const scheduledFor = row.runAt!;
      void this.jobs.adopt({ ...row, ...fresh }, (job) => handler({ payload, scheduledFor, job }));
      started.push(row.id);
    }
    return started;
  }
}

export function scheduler(): Scheduler {
  return processSingleton("scheduler", () => new Scheduler(jobs()));
}
