import "server-only";
import type { DeviceFamily } from "@/lib/guests/hardware/types";
import { Hub, Iommu, Lease, Nvram, Redirfilter, Shmem, type Device } from "@/lib/xml";

type Description = { title: string; summary: string };

const onOff = (label: string, on: boolean | undefined) => (on ? label : null);
const list = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(", ");

/** Kinds the Hardware tab shows without a form: what they are, in a line (the XML tab changes them). */
const describers: Partial<Record<DeviceFamily, (device: Device) => Description | null>> = {
  iommu: (d) =>
    d instanceof Iommu
      ? {
          title: `IOMMU ${d.model ?? ""}`.trim(),
          summary: list(
            onOff("interrupt remapping", d.driverIntremap),
            onOff("caching mode", d.driverCachingMode),
            onOff("device IOTLB", d.driverIotlb),
            d.driverAwBits ? `${d.driverAwBits}-bit addresses` : null,
          ),
        }
      : null,
  shmem: (d) =>
    d instanceof Shmem
      ? {
          title: `Shared memory ${d.name ?? ""}`.trim(),
          summary: list(
            d.modelType ?? "ivshmem",
            d.sizeKiB ? `${d.sizeKiB / 1024} MiB` : null,
            d.serverPath ? `server ${d.serverPath}` : null,
          ),
        }
      : null,
  hub: (d) => (d instanceof Hub ? { title: "USB hub", summary: "More USB ports" } : null),
  redirfilter: (d) =>
    d instanceof Redirfilter
      ? { title: "USB redirection filter", summary: `${d.usbdevs.length} rule${d.usbdevs.length === 1 ? "" : "s"}` }
      : null,
  nvram: (d) => (d instanceof Nvram ? { title: "NVRAM", summary: d.address.reg ? `at ${d.address.reg}` : "" } : null),
  lease: (d) => (d instanceof Lease ? { title: `Lease ${d.key ?? ""}`.trim(), summary: list(d.lockspace, d.targetPath) } : null),
};

/** A shown-only device's title and line, or null for kinds without a describer. */
export function describeReadOnly(family: DeviceFamily, device: Device): Description | null {
  return describers[family]?.(device) ?? null;
}
