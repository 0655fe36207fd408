import "server-only";
import { log } from "../log";
import { consoleTickets } from "../consoles/tickets";
import { db } from "../db";
import { dropExpiredDrafts } from "../new-guest/drafts";
import { jobLabel } from "./job-label";
import { jobs, KEEP_FINISHED_MS } from "./jobs";
import { registerScheduleHandlers } from "../schedules/register";
import { scheduler } from "./scheduler";
import { takeOverOrphans } from "./takeover";

/** Due scheduled runs are looked for this often. */
export const SCHEDULER_TICK_MS = 1_000;
/** Jobs of instances that went away are looked for this often (they are claimable DEAD_AFTER_MS after their last heartbeat). */
export const TAKEOVER_SWEEP_MS = 2_000;
export const MAINTENANCE_EVERY_MS = 60_000;

type Timers = { tick: NodeJS.Timeout; sweep: NodeJS.Timeout };
const key = Symbol.for("virt-console.job-service");
const holder = globalThis as { [key]?: Timers };

const logged = (what: string) => (err: Error) => log.error(`jobs: ${what} failed: ${err.message}`);

/** The console's own upkeep, once a minute on one instance: finished jobs, drafts past their hour, stale console tickets. */
async function maintenance(): Promise<{ jobs: number; drafts: number; tickets: number }> {
  const now = jobs().context.now();
  const old = await db().job.deleteMany({
    where: { rule: null, status: { in: ["done", "failed", "cancelled"] }, finishedAt: { lt: new Date(now - KEEP_FINISHED_MS) } },
  });
  return { jobs: old.count, drafts: await dropExpiredDrafts(now), tickets: await consoleTickets().sweep() };
}

/**
 * Called once at start (server.ts): jobs of instances that went away are taken over at once and then
 * every TAKEOVER_SWEEP_MS, and due scheduled runs start every SCHEDULER_TICK_MS.
 */
export async function startJobService(): Promise<void> {
  if (holder[key]) return;
  const s = scheduler();
  s.handle("jobs.maintenance", maintenance);
  registerScheduleHandlers(s);
  await s.schedule("jobs.maintenance", { everyMs: MAINTENANCE_EVERY_MS }, null, {
    key: "jobs.maintenance",
    label: jobLabel("cleanup"),
  });
  await takeOverOrphans(jobs()).catch(logged("takeover"));
  holder[key] = {
    tick: setInterval(() => void s.tick().catch(logged("scheduler")), SCHEDULER_TICK_MS).unref(),
    sweep: setInterval(() => void takeOverOrphans(jobs()).catch(logged("takeover")), TAKEOVER_SWEEP_MS).unref(),
  };
}

/**
 * The graceful-stop hook (server.ts, on SIGTERM, after beginStopping): this instance claims nothing
 * more; migrations and other work libvirt carries on are handed over for another instance (or the next
 * start) to follow; every other running job is stopped, what it made is removed and it ends as failed
 * saying the console was shut down. Jobs that do not end within `graceMs` are marked handed over, and
 * the next instance rolls them back.
 */
export async function handOverJobs({ graceMs = 3_000 } = {}): Promise<void> {
  const timers = holder[key];
  if (timers) {
    clearInterval(timers.tick);
    clearInterval(timers.sweep);
    delete holder[key];
  }
  await jobs().handOver({ graceMs });
}
