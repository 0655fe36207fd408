import "server-only";
import { formatBytes } from "@/lib/text/format";
import { VirStorageVolResizeFlags } from "@/lib/libvirt/generated/flags";
import { StorageVolume } from "@/lib/xml";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { resolvePool, resolveVolume, storageLabel, type VolumeInput } from "./storage-target";
import { usersOf, volumeUsers } from "./volume-users";

// virStorageVolResizeFlags

/**
 * Grows a volume, or shrinks a raw one after explicit confirmation (what lies past the new end is
 * lost; libvirt does not shrink qcow2). Not while a running guest uses it: the guest would not notice.
 */
export async function resizeVolume(
  ctx: VerbContext,
  { hostId, pool: poolName, volume: name, capacityBytes, confirmShrink }: VolumeInput & { capacityBytes: number; confirmShrink: boolean },
): Promise<void> {
  await audited(
    ctx,
    { action: "volume.resize", target: await storageLabel(hostId, `${poolName}/${name}`), details: { capacityBytes } },
    async () => {
      const target = await resolvePool(hostId, poolName);
      const volume = await resolveVolume(target, name);
      const [xml, users] = await Promise.all([target.lv.storage.volumeXml(volume), volumeUsers(target.lv)]);
      const current = StorageVolume.parse(xml);
      const running = usersOf(users, poolName, { name, path: volume.key }).filter((u) => u.running);
      if (running.length)
        throw new ApiError(409, { key: "resizeWhileRunning", values: { name, guests: running.map((u) => u.name).join(", ") } });
      const shrinking = capacityBytes < (current.capacityBytes ?? 0);
      if (shrinking && current.format !== "raw")
        throw new ApiError(
          409,
          { key: "onlyRawShrinks", values: { name, format: current.format ?? "unknown" } },
          {
            capacityBytes: { key: "atLeastSize", values: { size: formatBytes(current.capacityBytes) } },
          },
        );
      if (shrinking && !confirmShrink)
        throw new ApiError(
          409,
          { key: "confirmShrink", values: { name, size: formatBytes(capacityBytes) } },
          { capacityBytes: { key: "confirmShrinkField" } },
        );
      await target.lv.storage.resizeVolume(volume, capacityBytes, shrinking ? VirStorageVolResizeFlags.VIR_STORAGE_VOL_RESIZE_SHRINK : 0);
    },
  );
}
