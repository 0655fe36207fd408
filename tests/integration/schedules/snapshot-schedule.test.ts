// Schedules on the real libvirtd: a snapshot schedule run by two "instances" (Schedulers with their own
// ids and an injected clock on one database) fires once per slot and keeps the last N snapshots; a
// schedule that never comes is refused and leaves nothing behind.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNoteInEnglish } from "@/lib/server/schedules/run-note-english";
import { Libvirt, uuidToString, type DomainRef } from "@/lib/libvirt";
import { VirDomainSnapshotDeleteFlags } from "@/lib/libvirt/generated/flags";
import { scheduledSnapshotName, scheduledSnapshotPrefix } from "@/lib/schedules/retention";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { newId } from "@/lib/server/ids";
import { Jobs } from "@/lib/server/jobs/jobs";
import { Scheduler } from "@/lib/server/jobs/scheduler";
import { createSchedule } from "@/lib/server/schedules/create-schedule";
import { deleteSchedule } from "@/lib/server/schedules/delete-schedule";
import { listSchedules } from "@/lib/server/schedules/list-schedules";
import { registerScheduleHandlers } from "@/lib/server/schedules/register";
import { SCHEDULE_KIND } from "@/lib/server/schedules/schedule-facts";
import { until } from "../../helpers/until";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

const DAY = 24 * 3_600_000;
const dir = mkdtempSync(path.join(tmpdir(), "tags-sched-"));
chmodSync(dir, 0o755);
const disk = path.join(dir, "disk.qcow2");
const name = uniqueGuestName("tags-sched");
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let dom: DomainRef;
let uuid: string;

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  // A run acts for the schedule's owner with their stored grants.
  await db().roleGrant.create({ data: { id: newId(), userId: admin.id, role: "admin", scope: "global" } });
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", disk, "16M"]);
  dom = await lv.domains.define(
    testGuestXml(name, ensureTestGuestImage(), 96, await resolveVirtType(lv), undefined, {
      extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>`,
    }),
  );
  uuid = uuidToString(dom.uuid);
});

afterAll(async () => {
  for (const snap of await lv.domains.listSnapshots(dom).catch(() => []))
    await lv.domains.deleteSnapshot(snap, VirDomainSnapshotDeleteFlags.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY).catch(() => undefined);
  await lv.domains.undefine(dom, 0).catch(() => undefined);
  await lv?.close();
  await hostPool().closeAll();
  await tc.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("snapshot schedules", () => {
  it("a schedule that never comes is refused in plain words and leaves nothing behind", async () => {
    await expect(
      createSchedule(ctxOf(admin), {
        action: "snapshot",
        target: { kind: "guest", hostId, uuid },
        timing: { cron: "0 0 30 2 *" },
        keep: 2,
      }),
    ).rejects.toMatchObject({
      status: 422,
      fields: { "timing.cron": expect.stringMatching(/This schedule never comes: no date in the next 5 years matches "0 0 30 2 \*"/) },
    });
    expect(await db().job.count({ where: { kind: SCHEDULE_KIND } })).toBe(0);
    expect(await tc.auditRows("schedule.create")).toEqual([]);
  });

  it("fires at its time exactly once with two instances running, and keeps the last 2 snapshots", async () => {
    const { id } = await createSchedule(ctxOf(admin), {
      action: "snapshot",
      target: { kind: "guest", hostId, uuid },
      timing: { preset: "daily", timeZone: "Europe/Berlin" },
      keep: 2,
    });
    let clock = (await db().job.findUniqueOrThrow({ where: { id } })).runAt!.getTime();
    const instances = ["i-a", "i-b"].map((instance) => {
      const s = new Scheduler(new Jobs({ instanceId: () => instance, now: () => clock }));
      registerScheduleHandlers(s);
      return s;
    });
    const slots: number[] = [];
    for (let run = 1; run <= 3; run++) {
      slots.push(clock);
      expect((await Promise.all(instances.map((s) => s.tick()))).flat()).toEqual([id]);
      const row = await until(
        `run ${run}`,
        async () => {
          const r = await db().job.findUniqueOrThrow({ where: { id } });
          return r.status === "scheduled" && r.runs === run ? r : null;
        },
        { timeoutMs: 120_000 },
      );
      expect(row.error).toBeNull();
      expect(row.runAt!.getTime()).toBe(clock + DAY);
      expect((await Promise.all(instances.map((s) => s.tick()))).flat()).toEqual([]);
      clock = row.runAt!.getTime();
    }

    const ours = (await lv.domains.listSnapshots(dom)).map((s) => s.name).filter((n) => n.startsWith(scheduledSnapshotPrefix(id)));
    // The first run's snapshot is gone; the last two runs' stay.
    expect(ours.sort()).toEqual([scheduledSnapshotName(id, slots[1]!), scheduledSnapshotName(id, slots[2]!)].sort());
    const [view] = await listSchedules(ctxOf(admin));
    expect(view).toMatchObject({ id, action: "snapshot", keep: 2, cron: "0 3 * * *", timeZone: "Europe/Berlin", running: false });
    expect(view!.past.map((r) => r.result)).toEqual(["ok", "ok", "ok"]);
    expect(runNoteInEnglish(view!.past[0]!.summary[0]!)).toMatch(new RegExp(`^${name}: snapshot .*, removed `));
    expect(view!.upcoming[0]).toBe(clock);
    expect(runNoteInEnglish(view!.past[0]!.summary[0]!)).toContain(`removed ${scheduledSnapshotName(id, slots[0]!)}`);

    await deleteSchedule(ctxOf(admin), { id });
    expect(await db().job.count({ where: { kind: SCHEDULE_KIND } })).toBe(0);
  });
});
