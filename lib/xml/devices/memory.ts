// <memory>: memory modules plugged into the guest beside its boot memory (DIMMs, NVDIMMs, virtio-mem,
// virtio-pmem). libvirt needs <maxMemory slots=…> on the domain and, on x86, at least one NUMA cell.
import { defineModel, flag, int, sizeKiB, text, yesNo } from "../core";
import { deviceTail } from "./common";

/** The models libvirt 9.0 knows. */
export const memoryModels = ["dimm", "nvdimm", "virtio-pmem", "virtio-mem", "sgx-epc"] as const;
export type MemoryModel = (typeof memoryModels)[number];

export class MemoryDevice extends defineModel("MemoryDevice", "memory", {
  model: text<MemoryModel>("./@model"),
  access: text<"shared" | "private">("./@access"),
  discard: yesNo("./@discard"),
  sourceNodemask: text("./source/nodemask"),
  sourcePagesizeKiB: sizeKiB("./source/pagesize"),
  /** nvdimm, virtio-pmem: the host file (or device) behind the module. */
  sourcePath: text("./source/path"),
  sourceAlignsizeKiB: sizeKiB("./source/alignsize"),
  sourcePmem: flag("./source/pmem"),
  targetSizeKiB: sizeKiB("./target/size"),
  /** The guest NUMA cell the module belongs to. */
  targetNode: int("./target/node"),
  targetLabelSizeKiB: sizeKiB("./target/label/size"),
  /** virtio-mem: the granularity the guest plugs memory in. */
  targetBlockKiB: sizeKiB("./target/block"),
  /** virtio-mem: how much of the size the guest should use; changeable while it runs. */
  targetRequestedKiB: sizeKiB("./target/requested"),
  /** virtio-mem, running guests only: how much the guest has plugged so far. */
  targetCurrentKiB: sizeKiB("./target/current"),
  targetReadonly: flag("./target/readonly"),
  ...deviceTail,
}) {
  static readonly models = memoryModels;
  /** The granularity QEMU uses for virtio-mem on x86 with 4 KiB host pages. */
  static readonly defaultBlockKiB = 2048;
}
