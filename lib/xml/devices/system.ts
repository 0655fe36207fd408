// Devices of the machine itself rather than cards in it: the IOMMU, the host↔guest vsock, shared
// memory between guests, the NVRAM of POWER guests and lock-manager leases.
import { attr, defineModel, int, intAttr, onOff, sizeKiB, text, yesNo } from "../core";
import { deviceTail } from "./common";

export const iommuModels = ["intel", "smmuv3", "virtio"] as const;

export class Iommu extends defineModel("Iommu", "iommu", {
  model: text<(typeof iommuModels)[number]>("./@model"),
  driverIntremap: onOff("./driver/@intremap"),
  driverCachingMode: onOff("./driver/@caching_mode"),
  driverEim: onOff("./driver/@eim"),
  driverIotlb: onOff("./driver/@iotlb"),
  driverAwBits: int("./driver/@aw_bits"),
  ...deviceTail,
}) {
  static readonly models = iommuModels;
}

export const vsockModels = ["virtio", "virtio-transitional", "virtio-non-transitional"] as const;

/** A socket between host and guest (AF_VSOCK) addressed by the guest's context ID. */
export class Vsock extends defineModel("Vsock", "vsock", {
  model: text<(typeof vsockModels)[number]>("./@model"),
  /** libvirt picks a free CID when the guest starts (and writes it into the live XML). */
  cidAuto: yesNo("./cid/@auto"),
  cidAddress: int("./cid/@address"),
  ...deviceTail,
  // libvirt prints the driver after the address.
  driverIommu: onOff("./driver/@iommu"),
}) {
  static readonly models = vsockModels;
  static readonly defaults = { model: "virtio", cidAuto: true } as const;
  /** CIDs 0–2 are the hypervisor's and the host's; a guest's is 3 or more. */
  static readonly firstGuestCid = 3;
}

export const shmemModels = ["ivshmem", "ivshmem-plain", "ivshmem-doorbell"] as const;

export class Shmem extends defineModel("Shmem", "shmem", {
  name: text("./@name"),
  role: text<"master" | "peer">("./@role"),
  modelType: attr<(typeof shmemModels)[number]>("./model", "type"),
  sizeKiB: sizeKiB("./size"),
  serverPath: attr("./server", "path"),
  msiVectors: intAttr("./msi", "vectors"),
  msiIoeventfd: onOff("./msi/@ioeventfd"),
  ...deviceTail,
}) {
  static readonly models = shmemModels;
}

/** The NVRAM of a POWER (pSeries) guest; its only setting is its address. */
export class Nvram extends defineModel("Nvram", "nvram", { ...deviceTail }) {}

/** A lock-manager lease the guest holds while it runs (sanlock). */
export class Lease extends defineModel("Lease", "lease", {
  lockspace: text("./lockspace"),
  key: text("./key"),
  targetPath: attr("./target", "path"),
  targetOffset: intAttr("./target", "offset"),
}) {}
