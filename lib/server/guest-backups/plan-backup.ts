import "server-only";
import type { BackupKind } from "@/lib/guest-backups/types";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainStatsTypes, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain, StorageVolume } from "@/lib/xml";
import { db } from "../db";
import { ApiError } from "../http/errors";
import { diskVolume } from "../guests/clone/plan-clone";
import { directoryPool, type DirectoryPool } from "../guests/saved-state/directory-pools";
import { stateName } from "../guests/snapshots/list-snapshots";
import type { GuestTarget } from "../guests/guest-target";
import { pointDisks, refuseWhileBackingUp, type PointRow } from "./backup-facts";
import { checkFreeSpace } from "./free-space";

const INACTIVE_SECURE = flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);

export type PlannedDisk = {
  target: string;
  format: string;
  capacityBytes: number;
  /** What the disk takes now (a full point needs about this much room). */
  allocationBytes: number;
  volume: VolumeRef | null;
  /** A qcow2 version 2 file (libvirt's default when it makes one): QEMU can keep no changed-block bitmap in it. */
  oldQcow2: boolean;
};

export type BackupPlan = {
  /** Running (or paused): libvirt's backup API; shut off: each disk copied by libvirt (qemu-img convert on the host). */
  live: boolean;
  kind: BackupKind;
  pool: DirectoryPool;
  disks: PlannedDisk[];
  /** Targets of the guest's other disks (CD-ROMs, read-only disks): left out, said so in the backup XML. */
  skipped: string[];
  /** Why no checkpoint can be taken with this point (so the next backup has to be full), or null. */
  noCheckpoint: string | null;
  parent: PointRow | null;
  definition: string;
};

/**
 * Everything a backup is checked against before its job starts: the pool (a running directory pool on the
 * guest's own host, with room for the point), the guest's state and disks, and for an incremental backup the
 * point it builds on.
 */
export async function planBackup(
  { lv, dom, hostName }: GuestTarget,
  hostId: string,
  uuid: string,
  input: { pool: string; poolHostId?: string; kind: BackupKind },
): Promise<BackupPlan> {
  if (input.poolHostId && input.poolHostId !== hostId) {
    const other = await db().host.findUnique({ where: { id: input.poolHostId } });
    throw new ApiError(
      422,
      {
        key: "poolOnOtherHost",
        values: { pool: input.pool, known: other ? "yes" : "no", owner: other?.name ?? "", host: hostName },
      },
      { pool: { key: "choosePoolOn", values: { host: hostName } } },
    );
  }
  await refuseWhileBackingUp(hostId, uuid, dom.name);
  const state = stateName((await lv.domains.info(dom)).state);
  if (!["running", "paused", "shutoff"].includes(state))
    throw new ApiError(409, { key: "backupNeedsState", values: { guest: dom.name, state } });
  const live = state !== "shutoff";
  const pool = await directoryPool(lv, input.pool);
  const [domain, definition] = await Promise.all([
    lv.domains.xml(dom, live ? 0 : INACTIVE_SECURE).then((x) => Domain.parse(x)),
    lv.domains.xml(dom, INACTIVE_SECURE),
  ]);
  const sizes = live ? await liveSizes(lv, dom) : new Map<string, { capacity: number; allocation: number }>();
  const disks: PlannedDisk[] = [];
  const skipped: string[] = [];
  for (const disk of domain.devices.disks) {
    const target = disk.targetDev;
    if (!target) continue;
    if ((disk.device ?? "disk") !== "disk" || disk.readonly) {
      skipped.push(target);
      continue;
    }
    if (disk.sourceProtocol) throw new ApiError(409, { key: "networkDisk", values: { disk: target } });
    const volume = await diskVolume(lv, disk);
    if (!live && !volume) throw new ApiError(409, { key: "diskNotInPool", values: { disk: target } });
    const info = volume ? await lv.storage.volumeInfo(volume) : null;
    const capacityBytes = info ? Number(info.capacity) : sizes.get(target)?.capacity;
    if (!capacityBytes) throw new ApiError(409, { key: "sizeUnreadable", values: { disk: target } });
    const allocationBytes = info ? Number(info.allocation) : (sizes.get(target)?.allocation ?? capacityBytes);
    const compat = volume ? StorageVolume.parse(await lv.storage.volumeXml(volume)).compat : undefined;
    disks.push({ target, format: disk.driverType ?? "raw", capacityBytes, allocationBytes, volume, oldQcow2: compat === "0.10" });
  }
  if (disks.length === 0) throw new ApiError(409, { key: "noWritableDisk", values: { guest: dom.name } });
  const notQcow2 = disks.find((d) => d.format !== "qcow2");
  const oldQcow2 = disks.find((d) => d.oldQcow2);
  const noCheckpoint = !live
    ? "it was taken while the guest was shut off (libvirt 9.0 makes checkpoints only of a running guest)"
    : notQcow2
      ? `${notQcow2.target} is a ${notQcow2.format} disk (changed blocks are tracked only in qcow2 disks)`
      : oldQcow2
        ? `${oldQcow2.target} is a version 2 qcow2 file, which cannot hold the list of changed blocks (convert it with qemu-img amend -o compat=1.1)`
        : null;
  const parent = input.kind === "incremental" ? await incrementalParent(lv, dom, hostId, uuid, input.pool, live, disks) : null;
  await checkFreeSpace(lv, dom, pool, disks, parent);
  return { live, kind: input.kind, pool, disks, skipped, noCheckpoint, parent, definition };
}

/** The guest's newest finished point, when the next backup can be an increment on top of it. */
async function incrementalParent(
  lv: Libvirt,
  dom: DomainRef,
  hostId: string,
  uuid: string,
  pool: string,
  live: boolean,
  disks: PlannedDisk[],
): Promise<PointRow> {
  if (!live) throw new ApiError(409, { key: "incrementalNeedsRunning" });
  const parent = await db().guestBackupPoint.findFirst({
    where: { hostId, guestUuid: uuid, status: "done" },
    orderBy: { createdAt: "desc" },
  });
  if (!parent) throw new ApiError(409, { key: "noEarlierPoint" });
  if (!parent.checkpoint) throw new ApiError(409, { key: "noCheckpointToStart" });
  if (parent.pool !== pool)
    throw new ApiError(
      409,
      { key: "incrementalSamePool", values: { pool: parent.pool } },
      {
        pool: { key: "choosePool", values: { pool: parent.pool } },
      },
    );
  const had = pointDisks(parent)
    .map((d) => d.target)
    .sort()
    .join(",");
  if (
    had !==
    disks
      .map((d) => d.target)
      .sort()
      .join(",")
  )
    throw new ApiError(409, { key: "disksChanged" });
  await lv.backups.lookupCheckpoint(dom, parent.checkpoint).catch(() => {
    throw new ApiError(409, { key: "checkpointGone" });
  });
  return parent;
}

/** Disk sizes of a running guest by target, from its block statistics (disks outside any pool too). */
async function liveSizes(lv: Libvirt, dom: DomainRef): Promise<Map<string, { capacity: number; allocation: number }>> {
  const [stats] = await lv.domains.allStats(VirDomainStatsTypes.VIR_DOMAIN_STATS_BLOCK, 0, [dom]);
  const found = new Map<string, { capacity: number; allocation: number }>();
  const s = stats?.stats ?? {};
  for (let i = 0; i < Number(s["block.count"] ?? 0); i++) {
    const name = s[`block.${i}.name`];
    const capacity = Number(s[`block.${i}.capacity`] ?? 0);
    if (typeof name === "string") found.set(name, { capacity, allocation: Number(s[`block.${i}.physical`] ?? capacity) });
  }
  return found;
}
