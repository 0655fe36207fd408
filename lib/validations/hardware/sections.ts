// The hardware page's non-device sections and the requests that change devices. Every change names the
// etag of the definition it was made against, so two people editing one guest cannot overwrite each other.
import { z } from "zod";
import { addProblem, said } from "../messages";
import { guestRefSchema } from "@/lib/guests/types";

export const etag = z.string().min(1).max(64);
/** Add or remove only in the saved definition, after libvirt refused to do it to the running guest. */
export const persistentOnly = z.boolean().default(false);

export const generalSchema = z.object({
  etag,
  title: z
    .string()
    .trim()
    .max(256, said("atMostChars"))
    .regex(/^[^\n]*$/, said("oneLine")),
  description: z.string().max(8192, said("atMostManyChars")),
});
export type GeneralInput = z.infer<typeof generalSchema>;

const cpuSet = z
  .string()
  .trim()
  .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, said("hostCpuList"));

export const cpuModes = ["host-passthrough", "host-model", "custom", "maximum", "default"] as const;
/** What the CPU page may ask for: a mode, or "cluster" (the baseline CPU of the host's cluster, written as a custom model). */
export const cpuChoices = [...cpuModes, "cluster"] as const;

export const cpuSchema = z
  .object({
    etag,
    vcpus: z.coerce.number().int(said("wholeVcpus")).min(1, said("atLeast1Vcpu")).max(4096),
    maxVcpus: z.coerce.number().int(said("wholeVcpus")).min(1, said("atLeast1Vcpu")).max(4096),
    mode: z.enum(cpuChoices),
    model: z
      .string()
      .trim()
      .max(64)
      .regex(/^[A-Za-z0-9_.-]*$/, said("cpuModelName"))
      .default(""),
    topology: z
      .object({
        sockets: z.coerce.number().int().min(1, said("atLeastOne")),
        cores: z.coerce.number().int().min(1, said("atLeastOne")),
        threads: z.coerce.number().int().min(1, said("atLeastOne")),
      })
      .nullable()
      .default(null),
    pins: z.record(z.string().regex(/^\d+$/), cpuSet).default({}),
  })
  .superRefine((v, ctx) => {
    if (v.vcpus > v.maxVcpus) ctx.addIssue({ code: "custom", path: ["vcpus"], message: said("vcpusOverMax") });
    if (v.mode === "custom" && !v.model) ctx.addIssue({ code: "custom", path: ["model"], message: said("nameCpuModel") });
    if (v.topology && v.topology.sockets * v.topology.cores * v.topology.threads !== v.maxVcpus) {
      ctx.addIssue({ code: "custom", path: ["topology"], message: said("topologyProduct") });
    }
    for (const vcpu of Object.keys(v.pins)) {
      if (Number(vcpu) >= v.maxVcpus) addProblem(ctx, { key: "vcpuMissing", values: { vcpu } }, ["pins", vcpu]);
    }
  });
export type CpuInput = z.infer<typeof cpuSchema>;

export const memorySchema = z
  .object({
    etag,
    currentMiB: z.coerce.number().int(said("wholeMiB")).min(16, said("atLeast16MiB")),
    maxMiB: z.coerce
      .number()
      .int(said("wholeMiB"))
      .min(16, said("atLeast16MiB"))
      .max(16 * 1024 * 1024),
    /** Memory hot-plug (room for memory devices): null switches it off; left out, it stays as it is. */
    hotplugMiB: z.preprocess(
      (v) => (v === "" ? null : v),
      z.coerce
        .number()
        .int(said("wholeMiB"))
        .max(16 * 1024 * 1024, said("atMost16TiB"))
        .nullable()
        .optional(),
    ),
    slots: z.preprocess(
      (v) => (v === "" ? null : v),
      z.coerce.number().int(said("wholeNumber")).min(1, said("atLeastSlots")).max(255, said("atMostSlots")).nullable().optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.currentMiB > v.maxMiB) ctx.addIssue({ code: "custom", path: ["currentMiB"], message: said("memoryOverMax") });
    if (v.hotplugMiB === null || v.hotplugMiB === undefined) return;
    if (v.hotplugMiB <= v.maxMiB) ctx.addIssue({ code: "custom", path: ["hotplugMiB"], message: said("hotplugRoom") });
    if (v.slots === null || v.slots === undefined) ctx.addIssue({ code: "custom", path: ["slots"], message: said("slotsCount") });
  });
export type MemoryInput = z.infer<typeof memorySchema>;

const hostPath = z
  .string()
  .trim()
  .max(4096)
  .regex(/^(\/[^\0]*)?$/, said("absolutePathOnHost"));

export const bootSchema = z
  .object({
    etag,
    autostart: z.boolean(),
    bootMenu: z.boolean(),
    /** Device keys in boot order; devices left out do not boot. */
    order: z.array(z.string().regex(/^[a-z]+:\d+$/)).max(32),
    kernel: hostPath.default(""),
    initrd: hostPath.default(""),
    cmdline: z
      .string()
      .max(4096)
      .regex(/^[^\n]*$/, said("oneLine"))
      .default(""),
  })
  .refine((v) => !(v.initrd || v.cmdline) || v.kernel, { path: ["kernel"], message: said("kernelPath") });
export type BootInput = z.infer<typeof bootSchema>;

// Adding and editing a device: addDeviceSchema and editDeviceSchema in ./index (one union over the families).
export const removeDeviceSchema = z.object({ etag, persistentOnly });
export type RemoveDeviceInput = z.infer<typeof removeDeviceSchema>;

export const resizeDiskSchema = z.object({
  etag,
  sizeGiB: z.coerce
    .number()
    .positive(said("sizeAboveZero"))
    .max(64 * 1024, said("atMost64TiB")),
});
export type ResizeDiskInput = z.infer<typeof resizeDiskSchema>;

export const defineXmlSchema = z.object({
  etag,
  xml: z
    .string()
    .min(1, said("enterGuestXml"))
    .max(1024 * 1024, said("atMost1MiBXml")),
});
export type DefineXmlInput = z.infer<typeof defineXmlSchema>;

/** Checked for its shape where it is parsed (lib/server/guests/hardware/device-match.ts), after the permission check. */
export const deviceKeyParam = z.string().min(1).max(80);

/** Route params of …/guests/[uuid]/hardware/devices/[key]/… */
export const deviceRouteParams = z
  .object({ id: z.string().min(1), uuid: guestRefSchema.shape.uuid, key: deviceKeyParam })
  .transform(({ id, uuid, key }) => ({ hostId: id, uuid, key }));
