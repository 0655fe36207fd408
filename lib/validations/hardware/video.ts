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
    heads: optionalInt(1, 16, "From 1 to 16 heads").default(null),
    vramKiB: optionalInt(1024, 1024 * 1024, "From 1024 to 1048576 KiB").default(null),
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
      label: "Model",
      kind: "select",
      options: options(videoModels, {
        vga: "VGA",
        virtio: "Virtio",
        qxl: "QXL",
        bochs: "Bochs",
        ramfb: "Ramfb",
        cirrus: "Cirrus",
        none: "None",
      }),
    },
    {
      name: "heads",
      label: "Heads",
      kind: "number",
      hint: "Empty: the model's default",
      showIf: { field: "model", equals: ["virtio", "qxl"] },
    },
    {
      name: "vramKiB",
      label: "Video RAM",
      kind: "number",
      unit: "KiB",
      hint: "Empty: the model's default",
      showIf: { field: "model", equals: "qxl" },
    },
    {
      name: "accel3d",
      label: "3D acceleration",
      kind: "checkbox",
      hint: "Needs a SPICE display with OpenGL or egl-headless",
      showIf: { field: "model", equals: "virtio" },
    },
  ],
};
