import "server-only";
import { pointsToPrune, type RetentionRule } from "@/lib/guest-backups/retention";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import { StorageVolume } from "@/lib/xml";
import { db } from "../db";
import { jobError } from "../jobs/job-error";
import type { JobHandle } from "../jobs/jobs";
import { followAllocation } from "../storage/follow-allocation";
import type { GuestTarget } from "../guests/guest-target";
import { pointDisks, QCOW2_V3, type PointRow } from "./backup-facts";
import { heldPoints, refuseWhileAttached } from "./recovery-disks";

/**
 * Removes a restore point and keeps every other point restorable. A point another builds on (its
 * child's files have the point's files as backing files) is first merged into that child: libvirt
 * copies the child with everything it reads through to (qemu-img convert on the host) into a new file,
 * which then takes the child's name, so the child becomes a full point and the points built on it keep
 * their backing file. libvirt's storage API has no rebase or commit, so this costs two copies of the
 * child's disks. Returns what it did in a few words.
 */
export async function removePoint(target: GuestTarget, row: PointRow, job: JobHandle | null): Promise<string> {
  const { lv } = target;
  if (row.status !== "failed") {
    await refuseWhileAttached(row);
    const child = await db().guestBackupPoint.findFirst({ where: { parentId: row.id, status: "done" } });
    const pool = await lv.storage.lookupPool(row.pool);
    if (child) await mergeIntoChild(target, pool, child, job);
    for (const d of pointDisks(row)) {
      const vol = await lv.storage.lookupVolume(pool, d.volume).catch(() => null);
      if (vol) await lv.storage.deleteVolume(vol);
    }
    if (row.checkpoint)
      await lv.backups
        .lookupCheckpoint(target.dom, row.checkpoint)
        .then((cp) => lv.backups.deleteCheckpoint(cp))
        .catch(() => undefined);
  }
  await db().guestBackupPoint.delete({ where: { id: row.id } });
  return `removed the point of ${row.createdAt.toISOString()}`;
}

async function mergeIntoChild(target: GuestTarget, pool: PoolRef, child: PointRow, job: JobHandle | null): Promise<void> {
  const { lv } = target;
  const disks = pointDisks(child);
  const total = disks.reduce((sum, d) => sum + 2 * d.capacityBytes, 0);
  let before = 0;
  const copy = async (from: string, to: string, capacityBytes: number) => {
    const source = await lv.storage.lookupVolume(pool, from);
    const xml = new StorageVolume({ name: to, capacityBytes, format: "qcow2", compat: QCOW2_V3 }).toXml();
    const stop = followAllocation({ lv, pool, hostName: target.hostName }, to, (bytes) =>
      job?.progress(before + Math.min(bytes, capacityBytes), total),
    );
    try {
      await lv.storage.cloneVolume(pool, xml, source);
    } finally {
      stop();
    }
    before += capacityBytes;
  };
  for (const d of disks) {
    const merged = `${d.volume}.merging`;
    await copy(d.volume, merged, d.capacityBytes).catch(async (err: unknown) => {
      const half = await lv.storage.lookupVolume(pool, merged).catch(() => null);
      if (half) await lv.storage.deleteVolume(half).catch(() => undefined);
      throw err;
    });
    await lv.storage.deleteVolume(await lv.storage.lookupVolume(pool, d.volume));
    await copy(merged, d.volume, d.capacityBytes).catch((err: unknown) => {
      throw jobError("mergedKept", { reason: err instanceof Error ? err.message : String(err), volume: d.volume, merged });
    });
    await lv.storage.deleteVolume(await lv.storage.lookupVolume(pool, merged));
  }
  await db().guestBackupPoint.update({ where: { id: child.id }, data: { kind: "full", parentId: null } });
}

/**
 * Retention after a backup: removes the guest's finished points the rule does not keep (the last N, and
 * the newest of each of so many days, weeks and months in the schedule's time zone), oldest first, each
 * merged into its child when another point builds on it, so every point left still restores.
 */
export async function pruneByRule(
  target: GuestTarget,
  hostId: string,
  uuid: string,
  { rule, timeZone }: { rule: RetentionRule; timeZone: string },
  job: JobHandle | null,
): Promise<string[]> {
  const points = await db().guestBackupPoint.findMany({ where: { hostId, guestUuid: uuid, status: "done" } });
  // Points an attached recovery disk reads stay, as if a rule kept them.
  const held = await heldPoints(hostId, uuid);
  const prune = pointsToPrune(
    points.map((p) => ({ id: p.id, createdAt: p.createdAt.getTime() })),
    rule,
    timeZone,
  ).filter((id) => !held.has(id));
  const done: string[] = [];
  for (const id of prune) {
    // Re-read: an earlier removal may have merged into this point (it is full now).
    const row = await db().guestBackupPoint.findUnique({ where: { id } });
    if (row) done.push(await removePoint(target, row, job));
  }
  return done;
}
