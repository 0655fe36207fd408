// A backup the target pool has no room for is refused before anything is made: a directory pool on a
// small tmpfs mounted here (8 MiB) takes the first full point of a fresh 16 MiB disk; after the guest
// wrote 10 MiB of random data, both an incremental (QEMU's estimate of the changed blocks) and a full
// backup (the disk's allocation) are refused with the sizes named, and no row, job, volume or checkpoint
// is left behind.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt, uuidToString } from "@/lib/libvirt";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { backUpGuest } from "@/lib/server/guest-backups/back-up-guest";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { newId } from "@/lib/server/ids";
import { jobs } from "@/lib/server/jobs/jobs";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { startPersistentTestGuest, type RunningTestGuest } from "../../helpers/test-guest";
import { until } from "../../helpers/until";
import { ctxOf } from "../../helpers/verb-context";

const tag = `backups2-space-${process.pid}`;
const dir = mkdtempSync(path.join(tmpdir(), `${tag}-`));
chmodSync(dir, 0o755);
const tiny = path.join(dir, "tiny");
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let target: PoolRef;
const pools: PoolRef[] = [];

async function dirPool(name: string, at: string): Promise<PoolRef> {
  mkdirSync(at, { recursive: true });
  const pool = await lv.storage.createTransientPool(`<pool type='dir'><name>${name}</name><target><path>${at}</path></target></pool>`);
  pools.push(pool);
  return pool;
}

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
  tc = await startTestConsole();
  admin = await tc.actor();
  await db().roleGrant.create({ data: { id: newId(), userId: admin.id, role: "admin", scope: "global" } });
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  const src = await dirPool(`${tag}-src`, path.join(dir, "src"));
  mkdirSync(tiny);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m,mode=0755", `${tag}`, tiny]);
  target = await dirPool(`${tag}-tgt`, tiny);
  const disk = await lv.storage.createVolume(
    src,
    `<volume><name>disk.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/><compat>1.1</compat></target></volume>`,
  );
  const diskPath = /<path>([^<]+)<\/path>/.exec(await lv.storage.volumeXml(disk))![1]!;
  guest = await startPersistentTestGuest(lv, {
    namePrefix: tag,
    memoryMiB: 96,
    extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>`,
  });
  uuid = uuidToString(guest.dom.uuid);
}, 180_000);

afterAll(async () => {
  await guest?.cleanup();
  for (const pool of pools) {
    for (const vol of await lv.storage.listVolumes(pool).catch(() => [])) await lv.storage.deleteVolume(vol).catch(() => undefined);
    await lv.storage.stopPool(pool).catch(() => undefined);
  }
  await lv?.close();
  await hostPool().closeAll();
  await tc.cleanup();
  try {
    execFileSync("umount", [tiny]);
  } catch {
    // not mounted (beforeAll failed early)
  }
  rmSync(dir, { recursive: true, force: true });
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
