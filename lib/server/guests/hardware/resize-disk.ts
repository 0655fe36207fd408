import "server-only";
import type { VerbContext } from "../../verb-context";
import type { HardwareChangeResult } from "@/lib/guests/hardware/types";
import type { ResizeDiskInput } from "@/lib/validations/hardware/sections";
import type { Libvirt } from "@/lib/libvirt";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import type { Disk } from "@/lib/xml";
import { ApiError, notFound, invalidFields } from "../../http/errors";
import { saveDraft, type GuestDraft } from "../../new-guest/drafts";
import { newDiskName } from "../../new-guest/plan";
import { uuidToString } from "@/lib/libvirt/api/domains";
import { resizeOwnedGuest } from "../../quotas/resize-owned";
import { changeGuest } from "../guest-target";
import { withDrafts } from "./hardware-target";
import type { DeviceRef } from "./change";
import { loadForChange } from "./definition";
import { findDevice, parseDeviceKey } from "./device-match";

const GiB = 1024n ** 3n;

/**
 * Grows a disk: through QEMU while the guest runs (the guest sees the new size at once), through the
 * storage volume otherwise. Shrinking is refused: it destroys whatever lies past the new end.
 */
export async function resizeDisk(
  ctx: VerbContext,
  { hostId, uuid, key, ...input }: DeviceRef & ResizeDiskInput,
): Promise<HardwareChangeResult> {
  const ref = parseDeviceKey(key);
  if (ref.family !== "disk" || ref.live) throw notFound("disk");
  return changeGuest(
    ctx,
    { hostId, uuid, action: "guest.disk.resize" },
    async (target, details) => {
      const { saved, live } = await loadForChange(target, input.etag);
      const disk = findDevice(saved, ref) as Disk | undefined;
      if (!disk) throw notFound("disk");
      if ((disk.device ?? "disk") !== "disk") throw new ApiError(409, { key: "onlyDisksResize" });
      const bytes = (BigInt(Math.round(input.sizeGiB * 1024)) * GiB) / 1024n;
      const { lv, dom } = target;
      const draft = target.draft;
      const planned = draft && plannedVolumeOf(draft, disk);
      if (draft && planned) {
        // The draft's new disk is made at install, at the size asked for now.
        Object.assign(details, {
          device: disk.targetDev,
          before: { bytes: String(planned.capacityBytes) },
          after: { bytes: bytes.toString() },
        });
        planned.capacityBytes = Number(bytes);
        await saveDraft(draft);
        return { ok: true, live: "not-running" };
      }
      const vol = await volumeOf(lv, disk);
      const current = vol ? (await lv.storage.volumeInfo(vol)).capacity : null;
      Object.assign(details, {
        device: disk.targetDev,
        before: { bytes: current?.toString() ?? null },
        after: { bytes: bytes.toString() },
      });
      if (current !== null && bytes < current)
        throw invalidFields({
          sizeGiB: { key: "diskOnlyGrows", values: { size: Number(current) / Number(GiB) } },
        });
      // The growth counts against the quotas of the person who made the guest, as its disks did.
      const grownMiB = current === null ? 0 : Math.ceil(Number(bytes - current) / 2 ** 20);
      return resizeOwnedGuest(
        uuidToString(dom.uuid),
        (now) => ({ ...now, diskMiB: now.diskMiB + grownMiB }),
        async (): Promise<HardwareChangeResult> => {
          if (live && disk.targetDev && live.devices.disks.find((d) => d.targetDev === disk.targetDev)) {
            await lv.domains.blockResize(dom, disk.targetDev, bytes);
            return { ok: true, live: "applied" };
          }
          if (!vol) throw new ApiError(409, { key: "notAVolume" });
          await lv.storage.resizeVolume(vol, bytes);
          return { ok: true, live: live ? "applied" : "not-running" };
        },
      );
    },
    withDrafts(ctx),
  );
}

/** The disk's storage volume, by path for file and block disks, by pool and name for volume disks. */
async function volumeOf(lv: Libvirt, disk: Disk): Promise<VolumeRef | null> {
  const path = disk.sourceFile ?? disk.sourceDev;
  if (path) return lv.storage.lookupVolumeByPath(path).catch(() => null);
  if (!disk.sourcePool || !disk.sourceVolume) return null;
  const pool = await lv.storage.lookupPool(disk.sourcePool).catch(() => null);
  return pool ? lv.storage.lookupVolume(pool, disk.sourceVolume).catch(() => null) : null;
}

/** The draft's answer for the new volume the install will create, when this disk is it. */
function plannedVolumeOf(draft: GuestDraft, disk: Disk): { capacityBytes: number } | null {
  const storage = draft.input.storage;
  return storage.kind === "new" && disk.sourcePool === storage.pool && disk.sourceVolume === newDiskName(draft.input) ? storage : null;
}
