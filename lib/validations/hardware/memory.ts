import { z } from "zod";
import { addProblem, said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { MemoryDevice, type MemoryModel } from "@/lib/xml/devices/memory";
import { hostPath, optionalInt, options } from "./common";

/**
 * What the form offers: DIMMs and virtio-mem add RAM, NVDIMM and virtio-pmem map a host file as
 * persistent memory (SGX EPC needs an SGX host: kept as defined).
 */
export const memoryDeviceModels = ["dimm", "virtio-mem", "nvdimm", "virtio-pmem"] as const satisfies readonly MemoryModel[];
const withFile: MemoryModel[] = ["nvdimm", "virtio-pmem"];
const blockMiB = MemoryDevice.defaultBlockKiB / 1024;
const sizeMiB = (message: string) => optionalInt(1, 16 * 1024 * 1024, message);

export const memoryDeviceSchema = z
  .object({
    model: z.enum(memoryDeviceModels, { message: said("pickMemoryKind") }),
    sizeMiB: sizeMiB(said("wholeMiBAtLeast1")),
    /** The guest NUMA cell it belongs to (virtio-pmem has none). */
    node: optionalInt(0, 255, said("numaCell")).default(0),
    /** virtio-mem: how much of the size the guest is asked to use; changeable while it runs. */
    requestedMiB: optionalInt(0, 16 * 1024 * 1024, said("wholeMiB0OrMore")).default(null),
    path: z.union([z.literal(""), hostPath]).default(""),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.sizeMiB === null) issue("sizeMiB", said("enterSize"));
    if (withFile.includes(v.model) && !v.path) issue("path", said("enterBackingFile"));
    if (v.model === "virtio-mem") {
      if (v.sizeMiB !== null && v.sizeMiB % blockMiB !== 0)
        addProblem(ctx, { key: "multipleOfBlock", values: { size: blockMiB } }, ["sizeMiB"]);
      if (v.requestedMiB !== null && v.requestedMiB % blockMiB !== 0)
        addProblem(ctx, { key: "multipleOfBlock", values: { size: blockMiB } }, ["requestedMiB"]);
      if (v.requestedMiB !== null && v.sizeMiB !== null && v.requestedMiB > v.sizeMiB) issue("requestedMiB", said("atMostSize"));
    }
  });
export type MemoryDeviceValues = z.infer<typeof memoryDeviceSchema>;

const model = (...models: MemoryModel[]) => ({ field: "model", equals: models });

export const memoryDeviceForm: DeviceForm = {
  family: "memory",
  addable: true,
  defaults: { model: "virtio-mem", sizeMiB: 1024, node: 0, requestedMiB: 0, path: "" },
  fields: [
    {
      name: "model",
      label: "kind",
      kind: "select",
      addOnly: true,
      hint: "needsMemoryHotPlugA",
      options: options(memoryDeviceModels, {
        dimm: "dimmAFixedAmountOf",
        "virtio-mem": "virtioMemRamTheGuest",
        nvdimm: "nvdimmPersistentMemoryFromA",
        "virtio-pmem": "virtioPmemPersistentMemoryFrom",
      }),
    },
    { name: "sizeMiB", label: "size", kind: "number", unit: "MiB", hint: "virtioMemTheMostThe" },
    {
      name: "requestedMiB",
      label: "requestedSize",
      kind: "number",
      unit: "MiB",
      live: true,
      hint: "howMuchOfItThe",
      showIf: model("virtio-mem"),
    },
    {
      name: "node",
      label: "numaCell",
      kind: "number",
      hint: "n0UnlessTheGuestHas",
      showIf: model("dimm", "virtio-mem", "nvdimm"),
    },
    { name: "path", label: "hostFile", kind: "text", hint: "anExistingFileOfAt", showIf: model(...withFile) },
  ],
};
