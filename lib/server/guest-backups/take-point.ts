import "server-only";
import type { BackupConsistency, BackupPointDisk } from "@/lib/guest-backups/types";
import { BackupDisk, CheckpointDisk, DomainBackup, DomainCheckpoint, StorageVolume } from "@/lib/xml";
import { VirDomainBackupBeginFlags } from "@/lib/libvirt/generated/flags";
import { jobError } from "../jobs/job-error";
import type { JobHandle } from "../jobs/jobs";
import { followAllocation } from "../storage/follow-allocation";
import type { GuestTarget } from "../guests/guest-target";
import { pointDisks, pointVolume, pointVolumeName, QCOW2_V3 } from "./backup-facts";
import type { BackupPlan } from "./plan-backup";
import { followBackup } from "./follow-backup";

export type TakenPoint = { disks: BackupPointDisk[]; consistency: BackupConsistency; checkpoint: string | null; note: string | null };

type Made = { disk: BackupPointDisk; path: string };

/**
 * One restore point's files: each disk's target volume is made first in the pool (for an incremental
 * point, a qcow2 file whose backing file is the parent point's), then QEMU writes into it: all of the
 * disk, or only the blocks changed since the parent's checkpoint (the rest reads through to the parent).
 * A shut-off guest's disks are copied by libvirt instead. Every file is recorded with the job as it is
 * made, so a failed or cancelled backup leaves none behind.
 */
export async function takePoint(
  target: GuestTarget,
  hostId: string,
  plan: BackupPlan,
  at: Date,
  checkpoint: string,
  job: JobHandle,
): Promise<TakenPoint> {
  return plan.live ? pushBackup(target, hostId, plan, at, checkpoint, job) : copyDisks(target, hostId, plan, at, job);
}

async function pushBackup(target: GuestTarget, hostId: string, plan: BackupPlan, at: Date, checkpoint: string, job: JobHandle) {
  const { lv, dom } = target;
  const parentFiles = new Map<string, string>();
  if (plan.parent)
    for (const d of pointDisks(plan.parent)) {
      const vol = await pointVolume(lv, plan.pool.ref, d.volume);
      parentFiles.set(d.target, StorageVolume.parse(await lv.storage.volumeXml(vol)).targetPath ?? "");
    }
  const made: Made[] = [];
  for (const d of plan.disks) {
    const name = pointVolumeName(dom.name, at, d.target);
    const xml = new StorageVolume({ name, capacityBytes: d.capacityBytes, format: "qcow2", compat: QCOW2_V3 });
    const backing = parentFiles.get(d.target);
    if (backing) {
      xml.backingPath = backing;
      xml.backingFormat = "qcow2";
    }
    const vol = await job.making({ kind: "volume", hostId, pool: plan.pool.name, name }, () =>
      lv.storage.createVolume(plan.pool.ref, xml.toXml()),
    );
    const path = StorageVolume.parse(await lv.storage.volumeXml(vol)).targetPath ?? "";
    made.push({ disk: { target: d.target, volume: name, format: "qcow2", capacityBytes: d.capacityBytes }, path });
  }
  const backup = new DomainBackup({ mode: "push", incremental: plan.parent?.checkpoint ?? undefined });
  for (const m of made)
    backup.disks.add(new BackupDisk({ name: m.disk.target, backup: "yes", type: "file", targetFile: m.path, driverType: "qcow2" }));
  for (const t of plan.skipped) backup.disks.add(new BackupDisk({ name: t, backup: "no" }));
  let checkpointXml: string | null = null;
  if (!plan.noCheckpoint) {
    const cp = new DomainCheckpoint({ name: checkpoint, description: `Restore point of ${dom.name}` });
    for (const m of made) cp.disks.add(new CheckpointDisk({ name: m.disk.target, checkpoint: "bitmap" }));
    for (const t of plan.skipped) cp.disks.add(new CheckpointDisk({ name: t, checkpoint: "no" }));
    checkpointXml = cp.toXml();
  }

  // With an agent the file systems are frozen only while QEMU fixes the point in time (the job's start).
  const frozen = await lv.backups.fsFreeze(dom).then(
    () => null,
    (err: Error) => err.message,
  );
  try {
    await lv.backups.begin(dom, backup.toXml(), checkpointXml, VirDomainBackupBeginFlags.VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL);
  } finally {
    if (frozen === null) await lv.backups.fsThaw(dom).catch(() => undefined);
  }
  await followBackup(lv, dom, job.signal, (done, total) => job.progress(done, total));
  return {
    disks: made.map((m) => m.disk),
    consistency: frozen === null ? ("frozen" as const) : ("crash-consistent" as const),
    checkpoint: checkpointXml ? checkpoint : null,
    note: plan.noCheckpoint,
  };
}

/** A shut-off guest: libvirt copies each disk into the pool (qemu-img convert on the host), progress from the copy's size. */
async function copyDisks(target: GuestTarget, hostId: string, plan: BackupPlan, at: Date, job: JobHandle): Promise<TakenPoint> {
  const { lv, dom } = target;
  const total = plan.disks.reduce((sum, d) => sum + d.capacityBytes, 0);
  let before = 0;
  const disks: BackupPointDisk[] = [];
  for (const d of plan.disks) {
    if (job.signal.aborted) throw jobError("cancelled");
    const name = pointVolumeName(dom.name, at, d.target);
    const xml = new StorageVolume({ name, capacityBytes: d.capacityBytes, format: "qcow2", compat: QCOW2_V3 }).toXml();
    const stop = followAllocation({ lv, pool: plan.pool.ref, hostName: target.hostName }, name, (bytes) =>
      job.progress(before + Math.min(bytes, d.capacityBytes), total),
    );
    try {
      await job.making({ kind: "volume", hostId, pool: plan.pool.name, name }, () => lv.storage.cloneVolume(plan.pool.ref, xml, d.volume!));
    } finally {
      stop();
    }
    before += d.capacityBytes;
    job.progress(before, total);
    disks.push({ target: d.target, volume: name, format: "qcow2", capacityBytes: d.capacityBytes });
  }
  return { disks, consistency: "shut-off", checkpoint: null, note: plan.noCheckpoint };
}
