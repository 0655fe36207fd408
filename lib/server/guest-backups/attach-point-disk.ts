import "server-only";
import type { RecoveryDiskView } from "@/lib/guest-backups/types";
import type { GuestRef } from "@/lib/guests/types";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainDeviceModifyFlags, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { can } from "@/lib/roles";
import type { AttachPointDiskInput } from "@/lib/validations/guest-backups";
import { Disk, Domain, StorageVolume } from "@/lib/xml";
import { db } from "../db";
import { ApiError, forbidden } from "../http/errors";
import { newId } from "../ids";
import type { VerbContext } from "../verb-context";
import { stateName } from "../guests/snapshots/list-snapshots";
import { changeGuest, refuseGuestChange, resolveGuest } from "../guests/guest-target";
import { chainOf, findPoint, pointDisks, pointVolume, QCOW2_V3 } from "./backup-facts";
import { listRecoveryDisks } from "./recovery-disks";

const { VIR_DOMAIN_DEVICE_MODIFY_LIVE: LIVE, VIR_DOMAIN_DEVICE_MODIFY_CONFIG: CONFIG } = VirDomainDeviceModifyFlags;
const INACTIVE = VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE;

/** vda … vdz: the first virtio disk name neither the running guest nor its saved definition uses. */
function freeVirtioName(doms: Domain[]): string {
  const used = new Set(doms.flatMap((d) => d.devices.disks.map((disk) => disk.targetDev)));
  for (let i = 0; i < 26; i++) if (!used.has(`vd${String.fromCharCode(97 + i)}`)) return `vd${String.fromCharCode(97 + i)}`;
  throw new ApiError(409, { key: "noFreeDiskName" });
}

/**
 * Single-disk recovery: one disk of a restore point attached to another guest of the same host (running
 * or shut off), for copying files out. The guest gets a new qcow2 overlay in the point's pool whose
 * backing file is the point's file (and through it the points it builds on): QEMU opens those read-only,
 * so the point never changes, while the guest may still write (a file system replays its journal when
 * mounted) into the overlay, which "Detach and discard" removes. A direct read-only attach of the point's
 * file was not chosen: a crash-consistent file system then cannot be mounted without special options
 * (ext4 noload, xfs norecovery). Needs restore rights on the point's guest (the route) and device editing
 * on the other guest (checked here).
 */
export async function attachPointDisk(
  ctx: VerbContext,
  { hostId, uuid, pointId, disk, guest }: GuestRef & { pointId: string } & AttachPointDiskInput,
): Promise<RecoveryDiskView> {
  const change = {
    action: "guest.backup.attach" as const,
    hostId,
    uuid,
    details: { point: pointId, disk, to: guest } as Record<string, unknown>,
  };
  const { row, source, other } = await (async () => {
    if (!can(ctx.actor.grants, "guest.manage", { kind: "guest", hostId, guestUuid: guest })) throw forbidden();
    if (guest === uuid)
      throw new ApiError(
        422,
        { key: "attachElsewhere" },
        {
          guest: { key: "chooseAnotherGuest" },
        },
      );
    const row = await findPoint(hostId, uuid, pointId);
    await chainOf(row);
    const source = pointDisks(row).find((d) => d.target === disk);
    if (!source) throw new ApiError(422, { key: "pointHasNoDisk", values: { disk } }, { disk: { validation: "choosePointDisk" } });
    const other = await resolveGuest(hostId, guest).catch((err: unknown) => {
      throw err instanceof ApiError && err.status === 404
        ? new ApiError(422, { key: "guestNotOnHost" }, { guest: { validation: "chooseGuest" } })
        : err;
    });
    const state = stateName((await other.lv.domains.info(other.dom)).state);
    if (!["running", "paused", "shutoff"].includes(state))
      throw new ApiError(409, { key: "attachNeedsState", values: { guest: other.dom.name, state } });
    return { row, source, other: { ...other, live: state !== "shutoff" } };
  })().catch((err: unknown) => refuseGuestChange(ctx, change, err));
  change.details.to = other.dom.name;

  return changeGuest(ctx, change, async ({ lv }) => {
    const { dom } = other;
    const pool = await lv.storage.lookupPool(row.pool);
    const base = StorageVolume.parse(await lv.storage.volumeXml(await pointVolume(lv, pool, source.volume))).targetPath ?? "";
    const name = `${dom.name}.recovery-${row.id.slice(0, 8)}.${disk}.qcow2`;
    if ((await lv.storage.listVolumes(pool)).some((v) => v.name === name))
      throw new ApiError(409, { key: "pointDiskAttached", values: { guest: dom.name } });
    const xml = new StorageVolume({ name, capacityBytes: source.capacityBytes, format: "qcow2", compat: QCOW2_V3 });
    xml.backingPath = base;
    xml.backingFormat = "qcow2";
    const vol = await lv.storage.createVolume(pool, xml.toXml());
    try {
      const path = StorageVolume.parse(await lv.storage.volumeXml(vol)).targetPath ?? "";
      const persistent = await lv.domains.isPersistent(dom);
      const defs = [Domain.parse(await lv.domains.xml(dom, 0))];
      if (persistent) defs.push(Domain.parse(await lv.domains.xml(dom, INACTIVE)));
      const targetDev = freeVirtioName(defs);
      const device = new Disk({
        type: "file",
        device: "disk",
        driverName: "qemu",
        driverType: "qcow2",
        sourceFile: path,
        targetDev,
        targetBus: "virtio",
        serial: `recovery-${disk}`,
      });
      await lv.domains.attachDevice(dom, device.toXml(), other.live ? flagSet(LIVE, ...(persistent ? [CONFIG] : [])) : CONFIG);
      const id = newId();
      await db().guestBackupAttachment.create({
        data: {
          id,
          hostId,
          pointId: row.id,
          sourceUuid: uuid,
          sourceDisk: disk,
          guestUuid: guest,
          guestName: dom.name,
          targetDev,
          pool: row.pool,
          volume: name,
          path,
          createdAt: new Date(),
        },
      });
      Object.assign(change.details, { as: targetDev, overlay: name });
      const views = await listRecoveryDisks(ctx, { hostId, uuid: guest });
      return views.find((v) => v.id === id)!;
    } catch (err) {
      await lv.storage.deleteVolume(vol).catch(() => undefined);
      throw err;
    }
  });
}
