import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import { cloneDomainXml, type ClonedDisk } from "@/lib/guests/clone-xml";
import type { GuestRef } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import { uuidToString } from "@/lib/libvirt/api/domains";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainCheckpointDeleteFlags, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { RestorePointInput } from "@/lib/validations/guest-backups";
import { Domain, StorageVolume } from "@/lib/xml";
import { db } from "../db";
import { ApiError } from "../http/errors";
import { jobs, type JobHandle } from "../jobs/jobs";
import { guestSize, reserveGuest, startReserved, underReservation } from "../quotas/reserve-guest";
import type { VerbContext } from "../verb-context";
import { followAllocation } from "../storage/follow-allocation";
import { diskVolume } from "../guests/clone/plan-clone";
import { directoryPool } from "../guests/saved-state/directory-pools";
import { stateName } from "../guests/snapshots/list-snapshots";
import { changeGuest, refuseGuestChange, resolveGuest, type GuestTarget } from "../guests/guest-target";
import { chainOf, findPoint, pointDisks, pointVolume, pointVolumeName, QCOW2_V3, type PointRow } from "./backup-facts";

const INACTIVE_SECURE = flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);

/**
 * Restores a point as a job. As a new guest: the definition the point kept, with a new name, UUID and
 * MAC addresses, and each disk a new volume made by libvirt from the point's file and the files it builds
 * on (qemu-img convert reads the whole chain into one image). In place (the guest shut off, the person
 * confirmed): each disk becomes such a new volume beside the old one, which is kept and named in the
 * result; the guest's earlier points then no longer serve as a base for an incremental backup.
 */
export async function restoreBackupPoint(
  ctx: VerbContext,
  { hostId, uuid, pointId, ...input }: GuestRef & { pointId: string } & RestorePointInput,
): Promise<JobView> {
  const change = {
    action: "guest.backup.restore" as const,
    hostId,
    uuid,
    details: { point: pointId, mode: input.mode } as Record<string, unknown>,
  };
  const { row, name } = await (async () => {
    const row = await findPoint(hostId, uuid, pointId);
    await chainOf(row);
    const { lv, dom } = await resolveGuest(hostId, uuid);
    if (input.mode === "new") {
      if ((await lv.domains.list()).some((g) => g.name === input.name))
        throw new ApiError(409, { key: "guestExists", values: { name: input.name } }, { name: { key: "nameTaken" } });
      await directoryPool(lv, input.pool ?? row.pool);
    } else if (stateName((await lv.domains.info(dom)).state) !== "shutoff") {
      throw new ApiError(409, { key: "shutDownToReplace", values: { guest: dom.name } });
    }
    return { row, name: dom.name };
  })().catch((err: unknown) => refuseGuestChange(ctx, change, err));
  if (input.mode === "new") change.details.name = input.name;
  const label =
    input.mode === "new" ? jobLabel("restoreBackupAs", { guest: name, name: input.name }) : jobLabel("restoreBackup", { guest: name });
  // A guest restored as new is made like a clone: it counts against the restorer's quotas from the start.
  const reservation =
    input.mode === "new"
      ? await reserveGuest(ctx, {
          hostId,
          name: input.name,
          size: guestSize(
            Domain.parse(row.definition),
            pointDisks(row).reduce((sum, d) => sum + d.capacityBytes, 0),
          ),
        }).catch((err: unknown) => refuseGuestChange(ctx, change, err))
      : null;
  const start = () =>
    jobs().start(ctx.actor.id, "guest.backup.restore", label, (job) =>
      changeGuest(
        ctx,
        change,
        (target): Promise<{ name: string; uuid: string } | { kept: string[] }> =>
          input.mode === "new"
            ? underReservation(
                reservation!,
                () => asNewGuest(target, hostId, row, input.name, input.pool ?? row.pool, job),
                (made) => made.uuid,
              )
            : inPlace(target, hostId, uuid, row, job),
        { forJobs: true },
      ),
    );
  return reservation ? startReserved(reservation, start) : start();
}

/** Makes one disk of the point into a standalone volume (the job removes it again if it cannot finish). */
async function materialise(
  target: GuestTarget,
  hostId: string,
  row: PointRow,
  disk: ReturnType<typeof pointDisks>[number],
  poolName: string,
  name: string,
  job: JobHandle,
  progress: { before: number; total: number },
) {
  const { lv } = target;
  const source = await pointVolume(lv, await lv.storage.lookupPool(row.pool), disk.volume);
  const pool = await lv.storage.lookupPool(poolName);
  const xml = new StorageVolume({ name, capacityBytes: disk.capacityBytes, format: "qcow2", compat: QCOW2_V3 }).toXml();
  const stop = followAllocation({ lv, pool, hostName: target.hostName }, name, (bytes) =>
    job.progress(progress.before + Math.min(bytes, disk.capacityBytes), progress.total),
  );
  try {
    const vol = await job.making({ kind: "volume", hostId, pool: poolName, name }, () => lv.storage.cloneVolume(pool, xml, source));
    progress.before += disk.capacityBytes;
    job.progress(progress.before, progress.total);
    return StorageVolume.parse(await lv.storage.volumeXml(vol)).targetPath ?? "";
  } finally {
    stop();
  }
}

async function asNewGuest(target: GuestTarget, hostId: string, row: PointRow, name: string, poolName: string, job: JobHandle) {
  const disks = pointDisks(row);
  const progress = { before: 0, total: disks.reduce((sum, d) => sum + d.capacityBytes, 0) };
  const cloned: ClonedDisk[] = [];
  for (const d of disks)
    cloned.push({
      target: d.target,
      path: await materialise(target, hostId, row, d, poolName, `${name}-${d.target}.qcow2`, job, progress),
    });
  const xml = Domain.parse(cloneDomainXml(row.definition, { name, disks: cloned }));
  for (const disk of xml.devices.disks) if (cloned.some((c) => c.target === disk.targetDev)) disk.driverType = "qcow2";
  const made = await job.making({ kind: "guest", hostId, name }, () => target.lv.domains.define(xml.toXml()));
  return { name, uuid: uuidToString(made.uuid) };
}

async function inPlace(target: GuestTarget, hostId: string, uuid: string, row: PointRow, job: JobHandle) {
  const { lv, dom } = target;
  if (stateName((await lv.domains.info(dom)).state) !== "shutoff")
    throw new ApiError(409, { key: "shutDownFirst", values: { guest: dom.name } });
  const domain = Domain.parse(await lv.domains.xml(dom, INACTIVE_SECURE));
  const disks = pointDisks(row);
  const progress = { before: 0, total: disks.reduce((sum, d) => sum + d.capacityBytes, 0) };
  const replaced: string[] = [];
  const at = new Date();
  for (const d of disks) {
    const disk = domain.devices.disks.find((x) => x.targetDev === d.target);
    if (!disk) throw new ApiError(409, { key: "diskGone", values: { guest: dom.name, disk: d.target } });
    const old = await diskVolume(lv, disk);
    const poolName = old?.pool ?? row.pool;
    const path = await materialise(
      target,
      hostId,
      row,
      d,
      poolName,
      pointVolumeName(dom.name, at, d.target).replace(".backup-", ".restored-"),
      job,
      progress,
    );
    replaced.push(disk.sourceDescription ?? d.target);
    disk.clearSource();
    disk.type = "file";
    disk.sourceFile = path;
    disk.driverType = "qcow2";
  }
  await lv.domains.define(domain.toXml());
  // The new disks carry none of the old checkpoints' bitmaps: libvirt forgets them, and the next backup is full.
  for (const cp of await lv.backups.listCheckpoints(dom).catch(() => []))
    await lv.backups.deleteCheckpoint(cp, VirDomainCheckpointDeleteFlags.VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY).catch(() => undefined);
  await db().guestBackupPoint.updateMany({ where: { hostId, guestUuid: uuid }, data: { checkpoint: null } });
  return { kept: replaced };
}
