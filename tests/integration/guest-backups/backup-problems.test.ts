// The dashboard's failed-or-missed backups, read in one raw query from the real database (SQLite, or
// PostgreSQL with BACKUP_PROBLEMS_DB=postgresql):
// a guest whose newest point failed is listed, one whose failure was followed by a good point is not; a
// backup schedule whose last run failed, and one whose run is overdue, are listed for their owner (and
// admins) only; other schedules (snapshots) and guests the person may not see are left out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { backupProblems, MISSED_AFTER_MS } from "@/lib/server/guest-backups/backup-problems";
import { newId } from "@/lib/server/ids";
import { SCHEDULE_KIND } from "@/lib/server/schedules/schedule-facts";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";

const NOW = Date.parse("2026-12-05T12:00:00Z");
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
let tc: TestConsole;
let admin: Actor;
let owner: Actor;
let hostId: string;
let pg: { url: string; stop: () => Promise<void> } | undefined;
/** BACKUP_PROBLEMS_DB=postgresql runs the same query on a throwaway PostgreSQL (its SQL is written for both). */
const onPostgres = process.env.BACKUP_PROBLEMS_DB === "postgresql";

async function point(uuid: string, name: string, status: string, at: number, error: string | null = null) {
  await db().guestBackupPoint.create({
    data: { id: newId(), hostId, guestUuid: uuid, guestName: name, pool: "backups", kind: "full", status, error, createdAt: new Date(at) },
  });
}

async function schedule(ownerId: string, label: string, action: string, fields: { runAt: number; error?: string; finishedAt?: number }) {
  const id = newId();
  await db().job.create({
    data: {
      id,
      kind: SCHEDULE_KIND,
      ownerId,
      label,
      status: "scheduled",
      rule: JSON.stringify({ cron: "0 3 * * *", tz: "UTC" }),
      payload: JSON.stringify({ action, target: { kind: "guest", hostId, uuid: A }, cron: "0 3 * * *", timeZone: "UTC" }),
      runAt: new Date(fields.runAt),
      error: fields.error ?? null,
      finishedAt: fields.finishedAt ? new Date(fields.finishedAt) : null,
      heartbeatAt: new Date(NOW),
      startedAt: new Date(NOW),
    },
  });
  return id;
}

beforeAll(async () => {
  if (onPostgres) {
    const bin = postgresBinDir();
    if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql");
    pg = await startPostgres(bin);
  }
  tc = await startTestConsole(pg ? { databaseUrl: pg.url } : {});
  admin = await tc.actor();
  await db().roleGrant.create({ data: { id: newId(), userId: admin.id, role: "admin", scope: "global" } });
  hostId = await tc.addHost("local", "qemu:///system");
  owner = await tc.actor([{ role: "operator", scope: "guest", hostId, guestUuid: A }]);
}, 60_000);

afterAll(async () => {
  await tc?.cleanup();
  await pg?.stop();
}, 60_000);

describe("failed or missed backups", () => {
  it("lists guests whose newest point failed and backup schedules that failed or missed a run", async () => {
    await point(A, "web1", "failed", NOW - 3 * 3600_000, "old failure");
    await point(A, "web1", "done", NOW - 2 * 3600_000);
    await point(B, "db1", "done", NOW - 3 * 3600_000);
    await point(B, "db1", "failed", NOW - 3600_000, "The backup pool is gone");
    const failed = await schedule(owner.id, "Back up web1", "backup", {
      runAt: NOW + 3600_000,
      error: "web1: backups is not a running pool",
      finishedAt: NOW - 60_000,
    });
    const missed = await schedule(owner.id, "Back up web1 nightly", "backup", { runAt: NOW - MISSED_AFTER_MS - 60_000 });
    await schedule(owner.id, "Back up web1 soon", "backup", { runAt: NOW - 60_000 });
    await schedule(owner.id, "Snapshot web1", "snapshot", { runAt: NOW - 3600_000, error: "no" });

    const guest = { hostId, uuid: A };
    const scheduleProblems = [
      {
        kind: "schedule-failed",
        scheduleId: failed,
        label: "Back up web1",
        guest,
        error: "web1: backups is not a running pool",
        at: NOW - 60_000,
      },
      {
        kind: "schedule-missed",
        scheduleId: missed,
        label: "Back up web1 nightly",
        guest,
        error: null,
        at: NOW - MISSED_AFTER_MS - 60_000,
      },
    ];
    expect(await backupProblems(ctxOf(admin), NOW)).toEqual([
      scheduleProblems[0],
      scheduleProblems[1],
      { kind: "failed", hostId, uuid: B, guestName: "db1", error: "The backup pool is gone", at: NOW - 3600_000 },
    ]);
    // The owner sees their schedules but not db1, which they may not see.
    expect(await backupProblems(ctxOf(owner), NOW)).toEqual(scheduleProblems);
    // Someone else sees neither the schedules (not theirs) nor db1.
    const other = await tc.actor([{ role: "operator", scope: "guest", hostId, guestUuid: A }]);
    expect(await backupProblems(ctxOf(other), NOW)).toEqual([]);
  });
});
