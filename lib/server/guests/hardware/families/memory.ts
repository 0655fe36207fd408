import "server-only";
import { phrases, say } from "@/lib/guests/hardware/device-words";
import { memoryDeviceModels, type MemoryDeviceValues } from "@/lib/validations/hardware/memory";
import { type Domain, MemoryDevice } from "@/lib/xml";
import { ApiError, invalidFields } from "../../../http/errors";
import { defineCodec } from "../codec";
import { changed, known } from "./shared-codec";

const KiB = (mib: number | null) => (mib === null ? undefined : mib * 1024);
const MiB = (kib: number | undefined) => (kib === undefined ? null : Math.round(kib / 1024));
/** Passed as a value: in a message, ICU would read its angle brackets as tags. */
const NUMA_CELL_XML = "<cpu><numa><cell …/></numa></cpu>";
const titles: Record<string, string> = { dimm: "DIMM", "virtio-mem": "virtio-mem", nvdimm: "NVDIMM", "virtio-pmem": "virtio-pmem" };

function valuesOf(m: MemoryDevice): MemoryDeviceValues {
  const model = known(memoryDeviceModels, m.model, "dimm");
  return {
    model,
    sizeMiB: MiB(m.targetSizeKiB),
    node: model === "virtio-pmem" ? null : (m.targetNode ?? null),
    requestedMiB: model === "virtio-mem" ? (MiB(m.targetRequestedKiB) ?? 0) : null,
    path: m.sourcePath ?? "",
  };
}

function write(m: MemoryDevice, v: MemoryDeviceValues): void {
  m.targetSizeKiB = KiB(v.sizeMiB);
  m.targetNode = v.model === "virtio-pmem" ? undefined : (v.node ?? 0);
  m.targetRequestedKiB = v.model === "virtio-mem" ? KiB(v.requestedMiB ?? 0) : undefined;
  m.sourcePath = v.model === "nvdimm" || v.model === "virtio-pmem" ? v.path : undefined;
}

/**
 * What libvirt needs before a guest takes memory devices, said in the console's words: memory hot-plug
 * (<maxMemory slots>), a NUMA cell on x86, a free slot and room under the limit.
 */
function checkRoom(dom: Domain, v: MemoryDeviceValues): void {
  if (dom.maxMemoryKiB === undefined || !dom.maxMemorySlots) {
    throw new ApiError(409, { key: "memoryNeedsHotplug" });
  }
  const cells = dom.cpu.numaCells.length;
  if (cells === 0 && !dom.os.arch?.startsWith("ppc64")) throw new ApiError(409, { key: "memoryNeedsNuma", values: { xml: NUMA_CELL_XML } });
  if (dom.devices.memories.length >= dom.maxMemorySlots)
    throw new ApiError(409, { key: "memorySlotsFull", values: { slots: String(dom.maxMemorySlots) } });
  if (v.model !== "virtio-pmem" && (v.node ?? 0) >= Math.max(cells, 1))
    throw invalidFields({ "values.node": { key: "numaCellRange", values: { last: cells - 1 } } });
  const room = dom.maxMemoryKiB - (dom.memoryKiB ?? 0);
  if ((KiB(v.sizeMiB) ?? 0) > room)
    throw invalidFields({
      "values.sizeMiB": { key: "hotplugRoomLeft", values: { mib: Math.floor(room / 1024) } },
    });
}

export const memoryCodec = defineCodec<MemoryDevice, MemoryDeviceValues>({
  family: "memory",
  list: (dom) => dom.devices.memories,
  describe: (m) => ({
    title: phrases(
      ...(titles[m.model ?? ""] ? [titles[m.model ?? ""]] : [say("memory"), m.model]),
      say("mib", { size: MiB(m.targetSizeKiB) ?? "?" }),
    ),
    summary: phrases(
      m.model === "virtio-mem" && say("memoryRequested", { size: MiB(m.targetRequestedKiB) ?? 0 }),
      m.targetCurrentKiB !== undefined && say("memoryPlugged", { size: MiB(m.targetCurrentKiB) ?? 0 }),
      m.targetNode !== undefined && say("numaCell", { cell: m.targetNode }),
      m.sourcePath,
    ),
  }),
  values: valuesOf,
  create: (v, ctx) => {
    checkRoom(ctx.saved, v);
    const m = new MemoryDevice({ model: v.model });
    // Persistent memory writes through to its file, so the mapping is shared.
    if (v.model === "nvdimm" || v.model === "virtio-pmem") m.access = "shared";
    if (v.model === "virtio-mem") m.targetBlockKiB = MemoryDevice.defaultBlockKiB;
    write(m, v);
    return { device: m };
  },
  edit: (m, v) => {
    if (changed(valuesOf(m), v, "sizeMiB", "node", "requestedMiB", "path")) write(m, v);
  },
  // DIMMs and virtio-mem plug in live; of a running device libvirt changes only virtio-mem's requested size.
  hotplug: { attach: true, detach: true, update: true },
});
