// Guest backups on the real libvirtd with the test guest: marker A on its disk, a full backup, marker B,
// an incremental one; each point restored as a new guest holds exactly its markers (read from the restored
// image with qemu-img); pruning the full point leaves the incremental restorable; a second backup while one
// runs and a pool on another host are refused in plain words.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt, uuidToString } from "@/lib/libvirt";
import type { Actor } from "@/lib/server/auth/session";
import { backUpGuest } from "@/lib/server/guest-backups/back-up-guest";
import { deleteBackupPoint } from "@/lib/server/guest-backups/delete-point";
import { listBackups } from "@/lib/server/guest-backups/list-backups";
import { db } from "@/lib/server/db";
import { restoreBackupPoint } from "@/lib/server/guest-backups/restore-point";
import { verifyBackupPoint } from "@/lib/server/guest-backups/verify-point";
import { newId } from "@/lib/server/ids";
import { jobs } from "@/lib/server/jobs/jobs";
import type { JobView } from "@/lib/jobs/types";
import { startBackupFixture, type BackupFixture } from "../../helpers/backup-fixture";
import type { TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { removeGuests, type RunningTestGuest } from "../../helpers/test-guest";
import { until } from "../../helpers/until";
import { ctxOf } from "../../helpers/verb-context";

const tag = `backups-${process.pid}`;
let f: BackupFixture;
let dir: string;
const SECTOR_A = 2048;
const SECTOR_B = 4096;
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
const restored: string[] = [];

async function finished(view: JobView): Promise<JobView> {
  return until(
    `job ${view.label}`,
    async () => {
      const now = await jobs().get(view.id, admin.id);
      return now && now.status !== "running" ? now : null;
    },
    { timeoutMs: 120_000, everyMs: 200 },
  );
}

/** Waits for the job and expects it to have worked (its error, if any, is what the assertion shows). */
async function succeeded(view: JobView): Promise<JobView> {
  const job = await finished(view);
  expect(job.error ?? "").toBe("");
  expect(job.status).toBe("done");
  return job;
}

async function writeMarker(text: string, sector: number): Promise<void> {
  await runInGuest(
    lv,
    guest.dom,
    `printf ${text} | busybox dd of=/dev/vda bs=512 seek=${sector} conv=fsync 2>/dev/null; busybox sync; echo ok`,
  );
}

/** The text at a sector of a volume, read offline from a raw copy of it (qemu-img reads the whole backing chain). */
function readSector(volumePath: string, sector: number, length: number): string {
  const raw = path.join(dir, `read-${newId()}.raw`);
  execFileSync("qemu-img", ["convert", "-U", "-O", "raw", volumePath, raw]);
  try {
    return readFileSync(raw)
      .subarray(sector * 512, sector * 512 + length)
      .toString("latin1");
  } finally {
    rmSync(raw, { force: true });
  }
}

async function restoreAsNew(pointId: string, name: string): Promise<string> {
  restored.push(name);
  await succeeded(await restoreBackupPoint(ctxOf(admin), { hostId, uuid, pointId, mode: "new", name }));
  const dom = await lv.domains.lookupByName(name);
  // Made like a clone, it counts for the person who restored it (their quotas, were they bound by any).
  const owner = await db().guestOwner.findFirst({ where: { guestUuid: uuidToString(dom.uuid) }, select: { userId: true, diskMiB: true } });
  expect(owner?.userId).toBe(admin.id);
  expect(owner?.diskMiB).toBeGreaterThan(0);
  const disk = /<source file='([^']+)'/.exec(await lv.domains.xml(dom))![1]!;
  return disk;
}

beforeAll(async () => {
  f = await startBackupFixture(tag);
  ({ tc, admin, hostId, lv, dir } = f);
  const src = await f.dirPool(`${tag}-src`);
  await f.dirPool(`${tag}-tgt`);
  guest = await f.guestWithDisk(src, tag);
  uuid = uuidToString(guest.dom.uuid);
}, 180_000);

afterAll(async () => {
  await removeGuests(lv, restored);
  await f?.cleanup();
});

describe("guest backups", () => {
  let full = "";
  let incremental = "";

  it("takes a full point and an incremental one on top of it, each with a checkpoint", async () => {
    await writeMarker("MARKER-A", SECTOR_A);
    // 4 MiB of data the full point copies and the incremental one does not.
    await runInGuest(lv, guest.dom, "busybox dd if=/dev/urandom of=/dev/vda bs=65536 seek=64 count=64 conv=fsync 2>/dev/null; echo ok");
    const first = await backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "full" });
    // A second backup while one runs is refused, and leaves no point behind.
    await expect(backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "full" })).rejects.toThrow(
      `A backup of ${guest.name} is running; wait until it has finished`,
    );
    await succeeded(first);
    await writeMarker("MARKER-B", SECTOR_B);
    expect(await finished(await backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "incremental" }))).toMatchObject({
      status: "done",
    });

    const points = await listBackups(ctxOf(admin), { hostId, uuid });
    expect(points.map((p) => [p.kind, p.status])).toEqual([
      ["incremental", "done"],
      ["full", "done"],
    ]);
    [incremental, full] = points.map((p) => p.id) as [string, string];
    expect(points[0]!.parentId).toBe(full);
    expect(points.every((p) => p.hasCheckpoint && p.consistency === "crash-consistent" && p.sizeBytes > 0)).toBe(true);
    // The incremental holds only what changed since the full one.
    expect(points[1]!.sizeBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(points[0]!.sizeBytes).toBeLessThan(1024 * 1024);
    expect((await lv.backups.listCheckpoints(guest.dom)).length).toBe(2);
    expect((await tc.auditRows("guest.backup")).map((r) => r.result)).toEqual(["error", "ok", "ok"]);
  }, 240_000);

  it("restores each point as a new guest with exactly the markers of that point", async () => {
    const fromFull = await restoreAsNew(full, `${tag}-r-full`);
    expect(readSector(fromFull, SECTOR_A, 8)).toBe("MARKER-A");
    expect(readSector(fromFull, SECTOR_B, 8)).toBe("\0".repeat(8));
    const fromIncremental = await restoreAsNew(incremental, `${tag}-r-inc`);
    expect(readSector(fromIncremental, SECTOR_A, 8)).toBe("MARKER-A");
    expect(readSector(fromIncremental, SECTOR_B, 8)).toBe("MARKER-B");
  }, 240_000);

  it("reads a point back and records that it is sound", async () => {
    const job = await finished(await verifyBackupPoint(ctxOf(admin), { hostId, uuid, pointId: incremental }));
    expect(job.result).toMatchObject({ verified: "ok" });
    const [point] = await listBackups(ctxOf(admin), { hostId, uuid });
    expect(point).toMatchObject({ id: incremental, verified: "ok" });
  }, 120_000);

  it("prunes the full point into the incremental one, which still restores", async () => {
    await succeeded(await deleteBackupPoint(ctxOf(admin), { hostId, uuid, pointId: full }));
    const points = await listBackups(ctxOf(admin), { hostId, uuid });
    expect(points.map((p) => [p.id, p.kind, p.parentId])).toEqual([[incremental, "full", null]]);
    const again = await restoreAsNew(incremental, `${tag}-r-merged`);
    expect(readSector(again, SECTOR_A, 8)).toBe("MARKER-A");
    expect(readSector(again, SECTOR_B, 8)).toBe("MARKER-B");
    const verified = await finished(await verifyBackupPoint(ctxOf(admin), { hostId, uuid, pointId: incremental }));
    expect(verified.result).toMatchObject({ verified: "ok" });
  }, 240_000);

  it("backs up a shut-off guest by copying its disks, and restores a point in place", async () => {
    await writeMarker("MARKER-C", SECTOR_B + 8);
    await lv.domains.destroy(guest.dom);
    await expect(backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "incremental" })).rejects.toThrow(
      "An incremental backup needs the guest running",
    );
    await succeeded(await backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "full" }));
    const [off] = await listBackups(ctxOf(admin), { hostId, uuid });
    expect(off).toMatchObject({ kind: "full", consistency: "shut-off", hasCheckpoint: false, status: "done" });
    expect((await succeeded(await verifyBackupPoint(ctxOf(admin), { hostId, uuid, pointId: off!.id }))).result).toMatchObject({
      verified: "ok",
    });

    // In place from the point before marker C: the guest's disk is a new volume with A and B but not C; the old one is kept.
    const before = /<source file='([^']+)'/.exec(await lv.domains.xml(guest.dom))![1]!;
    const job = await succeeded(
      await restoreBackupPoint(ctxOf(admin), { hostId, uuid, pointId: incremental, mode: "in-place", confirm: true }),
    );
    expect(job.result).toEqual({ kept: [before] });
    const after = /<source file='([^']+)'/.exec(await lv.domains.xml(guest.dom))![1]!;
    expect(after).not.toBe(before);
    expect(readSector(after, SECTOR_A, 8)).toBe("MARKER-A");
    expect(readSector(after, SECTOR_B, 8)).toBe("MARKER-B");
    expect(readSector(after, SECTOR_B + 8, 8)).toBe("\0".repeat(8));
    expect(readSector(before, SECTOR_B + 8, 8)).toBe("MARKER-C");
    // The chain is broken for incrementals: none of the points is a base any more.
    expect((await listBackups(ctxOf(admin), { hostId, uuid })).some((p) => p.hasCheckpoint)).toBe(false);
  }, 240_000);

  it("refuses a pool on another host in plain words", async () => {
    const other = await tc.addHost("elsewhere", "qemu:///system");
    await expect(backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, poolHostId: other, kind: "full" })).rejects.toThrow(
      `${tag}-tgt is a pool on elsewhere, but QEMU on local writes the backup itself`,
    );
  });
});
