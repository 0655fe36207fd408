// A backup schedule on the real libvirtd, run by two "instances" (Schedulers with their own ids and an
// injected clock on one database): each daily slot fires exactly once and makes a restore point (the
// first full, then incremental), and after the third run retention (keep the last 2) prunes the first
// point by merging it into the second, so the newest point still restores with the guest's marker.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNoteInEnglish } from "@/lib/server/schedules/run-note-english";
import { Libvirt, uuidToString } from "@/lib/libvirt";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { listBackups } from "@/lib/server/guest-backups/list-backups";
import { Jobs } from "@/lib/server/jobs/jobs";
import { Scheduler } from "@/lib/server/jobs/scheduler";
import { createSchedule } from "@/lib/server/schedules/create-schedule";
import { deleteSchedule } from "@/lib/server/schedules/delete-schedule";
import { listSchedules } from "@/lib/server/schedules/list-schedules";
import { registerScheduleHandlers } from "@/lib/server/schedules/register";
import { startBackupFixture, type BackupFixture } from "../../helpers/backup-fixture";
import { runInGuest } from "../../helpers/guest-shell";
import { type RunningTestGuest } from "../../helpers/test-guest";
import { until } from "../../helpers/until";
import { ctxOf } from "../../helpers/verb-context";

const DAY = 24 * 3_600_000;
const tag = `backups2-sched-${process.pid}`;
let f: BackupFixture;
let dir: string;
const SECTOR = 2048;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;

beforeAll(async () => {
  f = await startBackupFixture(tag);
  ({ admin, hostId, lv, dir } = f);
  const src = await f.dirPool(`${tag}-src`);
  await f.dirPool(`${tag}-tgt`);
  guest = await f.guestWithDisk(src, tag);
  uuid = uuidToString(guest.dom.uuid);
}, 180_000);

afterAll(async () => {
  await f?.cleanup();
});

describe("backup schedules", () => {
  it("fires at its time exactly once with two instances running, makes a point each run, and prunes to the last 2", async () => {
    const { id } = await createSchedule(ctxOf(admin), {
      action: "backup",
      target: { kind: "guest", hostId, uuid },
      timing: { preset: "daily", timeZone: "Europe/Berlin" },
      keep: 2,
      backup: { pool: `${tag}-tgt`, kind: "incremental", retain: { daily: 1 } },
    });
    let clock = (await db().job.findUniqueOrThrow({ where: { id } })).runAt!.getTime();
    const instances = ["i-a", "i-b"].map((instance) => {
      const s = new Scheduler(new Jobs({ instanceId: () => instance, now: () => clock }));
      registerScheduleHandlers(s);
      return s;
    });
    const kinds: string[][] = [];
    for (let run = 1; run <= 3; run++) {
      await runInGuest(
        lv,
        guest.dom,
        `printf MARK-${run} | busybox dd of=/dev/vda bs=512 seek=${SECTOR + run} conv=fsync 2>/dev/null; echo ok`,
      );
      // Before its time neither instance starts it; at its time exactly one does.
      clock -= 1000;
      expect((await Promise.all(instances.map((s) => s.tick()))).flat()).toEqual([]);
      clock += 1000;
      expect((await Promise.all(instances.map((s) => s.tick()))).flat()).toEqual([id]);
      const row = await until(
        `run ${run}`,
        async () => {
          const r = await db().job.findUniqueOrThrow({ where: { id } });
          return r.status === "scheduled" && r.runs === run ? r : null;
        },
        { timeoutMs: 180_000 },
      );
      expect(row.error).toBeNull();
      expect(row.runAt!.getTime()).toBe(clock + DAY);
      expect((await Promise.all(instances.map((s) => s.tick()))).flat()).toEqual([]);
      clock = row.runAt!.getTime();
      kinds.push((await listBackups(ctxOf(admin), { hostId, uuid })).map((p) => `${p.kind}:${p.status}`));
    }
    // Newest first: a full point, then incrementals on it; after the third run the first point was merged into the second.
    expect(kinds).toEqual([["full:done"], ["incremental:done", "full:done"], ["incremental:done", "full:done"]]);

    const [view] = await listSchedules(ctxOf(admin));
    expect(view!.label).toContain("keep 2, 1 daily");
    expect(view!.past.map((r) => r.result)).toEqual(["ok", "ok", "ok"]);
    expect(runNoteInEnglish(view!.past[0]!.summary[0]!)).toBe(`${guest.name}: incremental backup to ${tag}-tgt, 1 older point removed`);
    expect(runNoteInEnglish(view!.past[2]!.summary[0]!)).toBe(`${guest.name}: full backup to ${tag}-tgt`);

    // The newest point still restores everything: read through its chain (now one merged full point below it).
    const [newest] = await listBackups(ctxOf(admin), { hostId, uuid });
    const file = path.join(dir, `${tag}-tgt`, newest!.disks[0]!.volume);
    const raw = path.join(dir, "newest.raw");
    execFileSync("qemu-img", ["convert", "-U", "-O", "raw", file, raw]);
    const bytes = readFileSync(raw);
    for (const run of [1, 2, 3])
      expect(bytes.subarray((SECTOR + run) * 512, (SECTOR + run) * 512 + 6).toString("latin1")).toBe(`MARK-${run}`);

    await deleteSchedule(ctxOf(admin), { id });
  }, 600_000);
});
