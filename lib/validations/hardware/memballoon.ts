import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Memballoon } from "@/lib/xml/devices/memballoon";
import { optionalInt, options } from "./common";

/** On (virtio) or off; the transitional virtio variants are kept as defined. */
export const memballoonModels = ["virtio", "none"] as const satisfies readonly (typeof Memballoon.models)[number][];

export const memballoonSchema = z.object({
  model: z.enum(memballoonModels, { message: said("pickVirtioOrNone") }),
  autodeflate: z.boolean().default(false),
  statsPeriod: optionalInt(0, 86400, said("wholeSecondsDay")).default(null),
});
export type MemballoonValues = z.infer<typeof memballoonSchema>;

export const memballoonForm: DeviceForm = {
  family: "memballoon",
  // Every guest has exactly one; model none switches it off.
  addable: false,
  defaults: { ...Memballoon.defaults, autodeflate: false, statsPeriod: null },
  fields: [
    {
      name: "model",
      label: "model",
      kind: "select",
      options: options(memballoonModels, { virtio: "virtio", none: "noneNoBalloon" }),
    },
    {
      name: "autodeflate",
      label: "deflateWhenTheGuestRuns",
      kind: "checkbox",
      showIf: { field: "model", equals: "virtio" },
    },
    {
      name: "statsPeriod",
      label: "statisticsPeriod",
      kind: "number",
      unit: "s",
      hint: "emptyOr0NoMemory",
      showIf: { field: "model", equals: "virtio" },
      live: true,
    },
  ],
};
