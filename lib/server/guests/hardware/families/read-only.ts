import "server-only";
import { describeAs, say, type DeviceText } from "@/lib/guests/hardware/device-words";
import type { DeviceFamily } from "@/lib/guests/hardware/types";
import { Hub, Iommu, Lease, Nvram, Redirfilter, Shmem, type Device } from "@/lib/xml";

/** Kinds the Hardware tab shows without a form: what they are, in a line (the XML tab changes them). */
const describers: Partial<Record<DeviceFamily, (device: Device) => DeviceText | null>> = {
  iommu: (d) =>
    d instanceof Iommu
      ? describeAs(
          ["IOMMU", d.model],
          [
            d.driverIntremap && say("interruptRemapping"),
            d.driverCachingMode && say("cachingMode"),
            d.driverIotlb && say("deviceIotlb"),
            !!d.driverAwBits && say("addressBits", { bits: d.driverAwBits }),
          ],
        )
      : null,
  shmem: (d) =>
    d instanceof Shmem
      ? describeAs(
          [say("sharedMemory"), d.name],
          [
            d.modelType ?? "ivshmem",
            !!d.sizeKiB && say("mib", { size: d.sizeKiB / 1024 }),
            !!d.serverPath && say("shmemServer", { path: d.serverPath }),
          ],
        )
      : null,
  hub: (d) => (d instanceof Hub ? describeAs([say("usbHub")], [say("moreUsbPorts")]) : null),
  redirfilter: (d) => (d instanceof Redirfilter ? describeAs([say("redirFilter")], [say("rules", { count: d.usbdevs.length })]) : null),
  nvram: (d) => (d instanceof Nvram ? describeAs(["NVRAM"], [!!d.address.reg && say("at", { address: d.address.reg })]) : null),
  lease: (d) => (d instanceof Lease ? describeAs([say("lease"), d.key], [d.lockspace, d.targetPath]) : null),
};

/** A shown-only device's title and line, or null for kinds without a describer. */
export function describeReadOnly(family: DeviceFamily, device: Device): DeviceText | null {
  return describers[family]?.(device) ?? null;
}
