// The jobs table's rules, run on SQLite (tests/unit/jobs) and on a real PostgreSQL server
// (tests/integration/cluster): several "instances" in this process, each a Jobs/Scheduler with its own
// instance id (and on PostgreSQL its own connection), on one database; a settable clock where time matters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bus } from "@/lib/server/cluster/bus";
import type { Db } from "@/lib/server/db";
import { ApiError } from "@/lib/server/http/errors";
import { readJobError } from "@/lib/server/jobs/job-error";
import { INSTANCE_DIED, INSTANCE_STOPPED } from "@/lib/server/jobs/job-row";
import { Jobs, type JobHandle } from "@/lib/server/jobs/jobs";
import type { Resumer } from "@/lib/server/jobs/resumers";
import { Scheduler } from "@/lib/server/jobs/scheduler";
import { takeOverOrphans } from "@/lib/server/jobs/takeover";

export type JobsDatabase = {
  /** A client for one more instance (PostgreSQL: a connection of its own; SQLite: the process's one). */
  client(): Db;
  stop(): Promise<void>;
};

const OWNER = "owner-1";
const MINUTE = 60_000;

/** Resolves when `check` returns something truthy (polled), or fails after 30 s. */
async function until<T>(check: () => Promise<T>, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A run that waits until `release()` and listens to its signal like a real job. */
function gated() {
  let release!: (value: unknown) => void;
  const gate = new Promise((r) => (release = r));
  const run = async (job: JobHandle) => {
    await Promise.race([
      gate,
      new Promise((_, reject) => job.signal.addEventListener("abort", () => reject(new Error("Cancelled")), { once: true })),
    ]);
    return { released: true };
  };
  return { run, release: () => release(undefined) };
}

/** A db whose job.updateMany calls are counted (the progress and heartbeat writes). */
function counting(db: Db): { db: Db; writes: () => number } {
  let writes = 0;
  const job = new Proxy(db.job, {
    get: (target, prop) =>
      prop === "updateMany"
        ? (...args: Parameters<Db["job"]["updateMany"]>) => {
            writes++;
            return target.updateMany(...args);
          }
        : Reflect.get(target, prop),
  });
  return { db: new Proxy(db, { get: (target, prop) => (prop === "job" ? job : Reflect.get(target, prop)) }), writes: () => writes };
}

/** A db that stops answering at `kill()`, like the connection of a process killed with SIGKILL. */
function killable(db: Db): { db: Db; kill: () => void } {
  let dead = false;
  const hang = new Promise<never>(() => undefined);
  const model = (target: object) =>
    new Proxy(target, {
      get: (t, prop) => {
        const value = Reflect.get(t, prop) as unknown;
        return typeof value === "function"
          ? (...args: unknown[]) => (dead ? hang : (value as (...a: unknown[]) => unknown).apply(t, args))
          : value;
      },
    });
  const job = model(db.job);
  return {
    db: new Proxy(db, { get: (target, prop) => (prop === "job" ? job : Reflect.get(target, prop)) }),
    kill: () => (dead = true),
  };
}

export function jobsSuite(open: () => Promise<JobsDatabase>): void {
  let database: JobsDatabase;
  /** The test's own view of the database. */
  let observer: Db;
  let clock = Date.now();
  const now = () => clock;
  const instance = (id: string, client = database.client()) => new Jobs({ db: () => client, instanceId: () => id, now });
  const row = (id: string) => observer.job.findUniqueOrThrow({ where: { id } });
  const ended = (jobs: Jobs, id: string, owner = OWNER) =>
    until(async () => {
      const view = await jobs.get(id, owner);
      return view && view.status !== "running" ? view : null;
    }, `job ${id} to end`);

  beforeAll(async () => {
    database = await open();
    observer = database.client();
  });
  afterAll(async () => {
    await bus().close();
    await database?.stop();
  });

  describe("jobs in the database", () => {
    it("a burst of progress reaches the row in one write; the page sees the same view as before", async () => {
      const { db, writes } = counting(database.client());
      const a = instance("i-burst", db);
      const { run, release } = gated();
      const started = await a.start(OWNER, "test.burst", "Counting", async (job) => {
        for (let i = 1; i <= 1000; i++) job.progress(i, 1000);
        job.detail({ phase: "copying" });
        return run(job);
      });
      expect(started).toMatchObject({ kind: "test.burst", label: "Counting", status: "running", done: 0, total: 0 });
      expect(Object.keys(started).sort()).toEqual([
        "detail",
        "done",
        "error",
        "finishedAt",
        "id",
        "kind",
        "label",
        "result",
        "startedAt",
        "status",
        "total",
      ]);
      const before = writes();
      await until(async () => (await a.get(started.id, OWNER))?.done === 1000, "the burst's last figure");
      // One flush for the burst (a heartbeat may add one on a slow machine), never one per call.
      expect(writes() - before).toBeLessThanOrEqual(2);
      expect(await a.get(started.id, OWNER)).toMatchObject({ done: 1000, total: 1000, detail: { phase: "copying" } });
      expect(await a.get(started.id, "someone-else")).toBeNull();
      release();
      expect(await ended(a, started.id)).toMatchObject({ status: "done", result: { released: true }, finishedAt: expect.any(Number) });
    });

    it("a failed run keeps libvirt's message; an inline run returns its result or throws its own error", async () => {
      const a = instance("i-inline");
      const failed = await a.start(OWNER, "test.fail", "Failing", async () => {
        throw new Error("libvirt said no");
      });
      expect(await ended(a, failed.id)).toMatchObject({ status: "failed", error: "libvirt said no" });
      await expect(a.run(OWNER, "test.inline", "Inline", async () => 42)).resolves.toBe(42);
      await expect(
        a.run(OWNER, "test.inline", "Inline", async () => {
          throw new ApiError(413, "Too much");
        }),
      ).rejects.toMatchObject({ status: 413, message: "Too much" });
    });

    it("a cancel through another instance reaches the instance running the job", async () => {
      const a = instance("i-runs");
      const b = instance("i-asks");
      const { run } = gated();
      const started = await a.start(OWNER, "test.cancel", "Waiting", run);
      expect(await b.cancel(started.id, "someone-else")).toBeNull();
      expect(await b.cancel(started.id, OWNER)).toMatchObject({ id: started.id });
      expect(await ended(b, started.id)).toMatchObject({ status: "cancelled", error: "Cancelled" });
      expect(await b.cancel(started.id, OWNER)).toBeNull(); // not running any more
    });

    it("a cancel the bus did not deliver is found by the running instance's heartbeat", async () => {
      const a = instance("i-deaf");
      const { run } = gated();
      const started = await a.start(OWNER, "test.cancel", "Waiting", run);
      await observer.job.update({ where: { id: started.id }, data: { cancelRequestedAt: new Date() } });
      expect(await ended(a, started.id)).toMatchObject({ status: "cancelled" });
    });

    it("a job whose instance died is claimed by exactly one of two live instances and ends failed with the reason", async () => {
      const at = new Date(clock - 2 * MINUTE);
      await observer.job.create({
        data: {
          id: "orphan-000000000000001",
          kind: "test.orphan",
          ownerId: OWNER,
          label: "Orphan",
          status: "running",
          instanceId: "i-dead",
          heartbeatAt: at,
          startedAt: at,
        },
      });
      const b = instance("i-b");
      const c = instance("i-c");
      const [byB, byC] = await Promise.all([takeOverOrphans(b, {}), takeOverOrphans(c, {})]);
      expect([...byB, ...byC].filter((id) => id === "orphan-000000000000001")).toHaveLength(1);
      expect(await ended(b, "orphan-000000000000001")).toMatchObject({ status: "failed", error: INSTANCE_DIED });
      const audit = await until(
        () => observer.auditLog.findFirst({ where: { action: "job.takeover", details: { contains: "orphan-000000000000001" } } }),
        "the takeover's audit row",
      );
      expect(audit).toMatchObject({ result: "error" });
    });

    it("a job of a live instance is left alone; a job libvirt carries on is followed to its end by the new owner", async () => {
      await observer.instance.create({ data: { id: "i-alive", heartbeatAt: new Date(clock) } });
      const fresh = new Date(clock);
      await observer.job.create({
        data: {
          id: "alive-000000000000001",
          kind: "test.follow",
          ownerId: OWNER,
          label: "Alive",
          status: "running",
          instanceId: "i-alive",
          heartbeatAt: fresh,
          startedAt: fresh,
        },
      });
      const old = new Date(clock - 2 * MINUTE);
      await observer.job.create({
        data: {
          id: "follow-00000000000001",
          kind: "test.follow",
          ownerId: OWNER,
          label: "Followed",
          status: "running",
          instanceId: "i-gone",
          heartbeatAt: old,
          startedAt: old,
          resume: JSON.stringify({ copied: 7 }),
        },
      });
      const follow: Resumer = async (job, state) => {
        job.progress(10, 10);
        return { followed: (state as { copied: number }).copied };
      };
      const b = instance("i-b2");
      const claimed = await takeOverOrphans(b, { "test.follow": follow });
      expect(claimed).toContain("follow-00000000000001");
      expect(claimed).not.toContain("alive-000000000000001");
      expect(await ended(b, "follow-00000000000001")).toMatchObject({ status: "done", done: 10, result: { followed: 7 } });
      expect((await row("alive-000000000000001")).instanceId).toBe("i-alive");
    });

    it("a graceful stop lets libvirt's work go to another instance at once and ends the rest as failed, saying why", async () => {
      const a = instance("i-stopping");
      const carried = await a.start(OWNER, "test.follow", "Carried on by libvirt", async (job) => {
        await job.resumable({ copied: 3 });
        await new Promise(() => undefined); // the libvirt call this process would have waited for
      });
      const { run } = gated();
      const stopped = await a.start(OWNER, "test.stop", "Stopped", run);
      await until(async () => (await row(carried.id)).resume !== null, "the resumable mark");
      await a.handOver({ graceMs: 5_000 });
      await expect(a.start(OWNER, "test.late", "Too late", async () => 1)).rejects.toMatchObject({ status: 503 });
      expect(await ended(a, stopped.id)).toMatchObject({ status: "failed", error: INSTANCE_STOPPED });
      expect(await row(carried.id)).toMatchObject({ status: "running", handedOverAt: expect.any(Date) });
      // No waiting for a heartbeat to age: a handed-over job is claimable at once.
      const b = instance("i-next");
      const follow: Resumer = async (_job, state) => state;
      expect(await takeOverOrphans(b, { "test.follow": follow })).toContain(carried.id);
      expect(await ended(b, carried.id)).toMatchObject({ status: "done", result: { copied: 3 } });
    });

    it("an instance that lost its job (taken over while it looked dead) stops it and writes nothing more", async () => {
      const a = instance("i-slow");
      let signal: AbortSignal | undefined;
      const started = await a.start(OWNER, "test.lost", "Lost", async (job) => {
        signal = job.signal;
        await new Promise((_, reject) => job.signal.addEventListener("abort", () => reject(job.signal.reason as Error), { once: true }));
      });
      await observer.job.update({ where: { id: started.id }, data: { instanceId: "i-other" } });
      await until(async () => signal?.aborted, "the lost job to stop");
      expect(await row(started.id)).toMatchObject({ status: "running", instanceId: "i-other" });
      await observer.job.update({ where: { id: started.id }, data: { status: "failed", instanceId: null } });
    });
  });

  describe("schedules on the jobs table", () => {
    it("two instances ensuring one keyed schedule make one row; a slot runs exactly once with both claiming", async () => {
      clock = Date.UTC(2027, 0, 1, 12, 0, 0);
      const runs: { by: string; scheduledFor: number }[] = [];
      const make = (id: string) => {
        const s = new Scheduler(instance(id));
        s.handle("test.every", async ({ scheduledFor }) => runs.push({ by: id, scheduledFor: scheduledFor.getTime() }));
        return s;
      };
      const [x, y] = [make("i-x"), make("i-y")];
      const [idX, idY] = await Promise.all([
        x.schedule("test.every", { everyMs: 10 * MINUTE }, { n: 1 }, { key: "test.every" }),
        y.schedule("test.every", { everyMs: 10 * MINUTE }, { n: 1 }, { key: "test.every" }),
      ]);
      expect(idX).toBe(idY);
      expect(await observer.job.count({ where: { scheduleKey: "test.every" } })).toBe(1);
      const first = clock + 10 * MINUTE;

      clock = first - 1;
      expect([...(await x.tick()), ...(await y.tick())]).toEqual([]);

      clock = first;
      const started = [...(await Promise.all([x.tick(), y.tick()])).flat()];
      expect(started).toEqual([idX]);
      await until(async () => (await row(idX)).status === "scheduled", "the run to end");
      expect(runs).toEqual([{ by: expect.any(String), scheduledFor: first }]);
      expect(await row(idX)).toMatchObject({ runs: 1, runAt: new Date(first + 10 * MINUTE), error: null });

      // Every instance down for an hour and a bit: the overdue slot runs once, then the grid goes on after now.
      clock = first + 65 * MINUTE;
      await Promise.all([x.tick(), y.tick()]);
      await until(async () => (await row(idX)).runs === 2, "the catch-up run");
      expect(await Promise.all([x.tick(), y.tick()])).toEqual([[], []]);
      expect(runs.map((r) => r.scheduledFor)).toEqual([first, first + 10 * MINUTE]);
      expect((await row(idX)).runAt).toEqual(new Date(first + 70 * MINUTE));
    });

    it("a cron schedule fires at its time in its zone exactly once with two instances, and moves to the next match", async () => {
      clock = Date.UTC(2027, 0, 4, 12, 0, 0);
      const runs: { by: string; scheduledFor: number }[] = [];
      const make = (id: string) => {
        const s = new Scheduler(instance(id));
        s.handle("test.cron", async ({ scheduledFor }) => runs.push({ by: id, scheduledFor: scheduledFor.getTime() }));
        return s;
      };
      const [x, y] = [make("i-cron-x"), make("i-cron-y")];
      // 03:00 in Berlin is 02:00 UTC in winter.
      const id = await x.schedule("test.cron", { cron: "0 3 * * *", tz: "Europe/Berlin" }, null, { key: "test.cron" });
      expect(await y.schedule("test.cron", { cron: "0 3 * * *", tz: "Europe/Berlin" }, null, { key: "test.cron" })).toBe(id);
      const slot = Date.UTC(2027, 0, 5, 2, 0, 0);
      expect((await row(id)).runAt).toEqual(new Date(slot));

      clock = slot - 1;
      expect([...(await x.tick()), ...(await y.tick())]).toEqual([]);
      clock = slot;
      expect((await Promise.all([x.tick(), y.tick()])).flat()).toEqual([id]);
      await until(async () => (await row(id)).status === "scheduled", "the run to end");
      expect(await Promise.all([x.tick(), y.tick()])).toEqual([[], []]);
      expect(runs).toEqual([{ by: expect.any(String), scheduledFor: slot }]);
      expect(await row(id)).toMatchObject({ runs: 1, runAt: new Date(slot + 24 * 60 * MINUTE), error: null });
      await observer.job.delete({ where: { id } });
    });

    it("a one-time run happens once; a run whose instance died is not repeated and the schedule moves on", async () => {
      clock = Date.UTC(2027, 0, 2, 8, 0, 0);
      const x = new Scheduler(instance("i-once"));
      let once = 0;
      x.handle("test.once", async () => ++once);
      const onceId = await x.schedule("test.once", { at: clock + MINUTE });
      clock += MINUTE;
      await x.tick();
      await until(async () => (await row(onceId)).status === "done", "the one-time run");
      clock += 10 * MINUTE;
      expect(await x.tick()).toEqual([]);
      expect(once).toBe(1);
      expect(await row(onceId)).toMatchObject({ result: "1", runs: 1 });

      // A run in progress on an instance that then dies.
      const link = killable(database.client());
      const dying = new Scheduler(instance("i-dies", link.db));
      dying.handle("test.hang", () => new Promise(() => undefined));
      const hangId = await dying.schedule("test.hang", { everyMs: 5 * MINUTE });
      const slot = clock + 5 * MINUTE;
      clock = slot;
      expect(await dying.tick()).toEqual([hangId]);
      link.kill();
      clock += 2 * MINUTE; // its heartbeat ages
      const survivor = instance("i-survives");
      expect(await takeOverOrphans(survivor, {})).toContain(hangId);
      await until(async () => (await row(hangId)).status === "scheduled", "the schedule to move on");
      expect(readJobError((await row(hangId)).error).error).toBe(INSTANCE_DIED);
      expect(await row(hangId)).toMatchObject({ runAt: new Date(slot + 5 * MINUTE), runs: 1 });
      await observer.job.delete({ where: { id: hangId } });
    });
  });
}
