import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Video } from "@/lib/xml/devices/video";
import { optionalInt, options } from "./common";

/** The models the form offers (VMware's vmvga is kept as defined, not offered). */
export const videoModels = [
  "vga",
  "virtio",
  "qxl",
  "bochs",
  "ramfb",
  "cirrus",
  "none",
] as const satisfies readonly (typeof Video.models)[number][];

export const videoSchema = z
  .object({
    model: z.enum(videoModels, { message: said("pickVideoModel") }),
    heads: optionalInt(1, 16, said("headsRange")).default(null),
    vramKiB: optionalInt(1024, 1024 * 1024, said("vramRange")).default(null),
    accel3d: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.accel3d && v.model !== "virtio") ctx.addIssue({ code: "custom", path: ["accel3d"], message: said("virtio3d") });
  });
export type VideoValues = z.infer<typeof videoSchema>;

export const videoForm: DeviceForm = {
  family: "video",
  addable: true,
  defaults: { ...Video.defaults, heads: null, vramKiB: null, accel3d: false },
  fields: [
    {
      name: "model",
      label: "model",
      kind: "select",
      options: options(videoModels, {
        vga: "vga",
        virtio: "virtio",
        qxl: "qxl",
        bochs: "bochs",
        ramfb: "ramfb",
        cirrus: "cirrus",
        none: "none",
      }),
    },
    {
      name: "heads",
      label: "heads",
      kind: "number",
      hint: "emptyTheModelSDefault",
      showIf: { field: "model", equals: ["virtio", "qxl"] },
    },
    {
      name: "vramKiB",
      label: "videoRam",
      kind: "number",
      unit: "KiB",
      hint: "emptyTheModelSDefault",
      showIf: { field: "model", equals: "qxl" },
    },
    {
      name: "accel3d",
      label: "n3dAcceleration",
      kind: "checkbox",
      hint: "needsASpiceDisplayWith",
      showIf: { field: "model", equals: "virtio" },
    },
  ],
};
