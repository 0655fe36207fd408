// A backup the target pool has no room for is refused before anything is made: a directory pool on a
// small tmpfs mounted here (8 MiB) takes the first full point of a fresh 16 MiB disk; after the guest
// wrote 10 MiB of random data, both an incremental (QEMU's estimate of the changed blocks) and a full
// backup (the disk's allocation) are refused with the sizes named, and no row, job, volume or checkpoint
// is left behind.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt, uuidToString } from "@/lib/libvirt";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { backUpGuest } from "@/lib/server/guest-backups/back-up-guest";
import { jobs } from "@/lib/server/jobs/jobs";
import { startBackupFixture, type BackupFixture } from "../../helpers/backup-fixture";
import { runInGuest } from "../../helpers/guest-shell";
import { type RunningTestGuest } from "../../helpers/test-guest";
import { until } from "../../helpers/until";
import { ctxOf } from "../../helpers/verb-context";

const tag = `backups2-space-${process.pid}`;
let f: BackupFixture;
let tiny: string;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let target: PoolRef;

/** Everything a refused backup could have left: catalogue rows, backup jobs, files in the pool, checkpoints. */
async function traces() {
  return {
    points: await db().guestBackupPoint.count({ where: { guestUuid: uuid } }),
    running: await db().job.count({ where: { status: "running" } }),
    volumes: (await lv.storage.listVolumes(target)).length,
    checkpoints: (await lv.backups.listCheckpoints(guest.dom)).length,
  };
}

beforeAll(async () => {
  f = await startBackupFixture(tag);
  ({ admin, hostId, lv } = f);
  tiny = path.join(f.dir, "tiny");
  const src = await f.dirPool(`${tag}-src`);
  mkdirSync(tiny);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m,mode=0755", `${tag}`, tiny]);
  target = await f.dirPool(`${tag}-tgt`, tiny);
  guest = await f.guestWithDisk(src, tag);
  uuid = uuidToString(guest.dom.uuid);
}, 180_000);

afterAll(async () => {
  // The tmpfs goes after the pool's volumes and before the folder it is mounted in.
  await f?.cleanup(() => {
    try {
      execFileSync("umount", [tiny]);
    } catch {
      // not mounted (beforeAll failed early)
    }
  });
});

describe("free space before a backup", () => {
  it("refuses a backup the pool has no room for, naming the sizes, and leaves nothing behind", async () => {
    const view = await backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "full" });
    const job = await until("the first backup", async () => {
      const now = await jobs().get(view.id, admin.id);
      return now && now.status !== "running" ? now : null;
    });
    expect(job.error ?? "").toBe("");

    // 10 MiB the guest wrote that QEMU has not backed up yet: more than the tmpfs has left.
    await runInGuest(lv, guest.dom, "busybox dd if=/dev/urandom of=/dev/vda bs=1048576 seek=2 count=10 conv=fsync 2>/dev/null; echo ok", {
      timeoutMs: 60_000,
    });
    const before = await traces();
    expect(before).toMatchObject({ points: 1, running: 0, volumes: 1, checkpoints: 1 });

    const incremental = backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "incremental" });
    await expect(incremental).rejects.toMatchObject({ status: 507 });
    await expect(incremental).rejects.toThrow(
      new RegExp(
        `^Not enough free space in ${tag}-tgt: it has [\\d.]+ MiB free, and this backup needs about 1\\d(\\.\\d)? MiB \\(estimated from the blocks changed since the last point\\)`,
      ),
    );
    const full = backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "full" });
    await expect(full).rejects.toThrow(/needs about 1\d(\.\d)? MiB \(what the guest's disks take now\)/);

    expect(await traces()).toEqual(before);
    const audit = await db().auditLog.findMany({ where: { action: "guest.backup", result: "error" } });
    expect(audit.map((a) => (JSON.parse(a.details) as { error?: string }).error)).toEqual([
      expect.stringMatching(/^Not enough free space/),
      expect.stringMatching(/^Not enough free space/),
    ]);
  }, 240_000);
});
