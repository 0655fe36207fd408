import { z } from "zod";
import { addProblem, said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Controller } from "@/lib/xml/devices/controller";
import { options } from "./common";

export const controllerModels = Controller.modelsByType;
export const controllerTypes = Object.keys(controllerModels) as (keyof typeof controllerModels)[];

export const controllerSchema = z
  .object({
    type: z.enum(controllerTypes as [keyof typeof controllerModels, ...(keyof typeof controllerModels)[]], {
      message: said("pickControllerType"),
    }),
    model: z.string().max(32).default(""),
  })
  .superRefine((v, ctx) => {
    if (!(controllerModels[v.type] as readonly string[]).includes(v.model))
      addProblem(ctx, { key: "controllerModel", values: { type: v.type } }, ["model"]);
  });
export type ControllerValues = z.infer<typeof controllerSchema>;

export const controllerForm: DeviceForm = {
  family: "controller",
  addable: true,
  defaults: { ...Controller.defaults },
  fields: [
    {
      name: "type",
      label: "type",
      kind: "select",
      addOnly: true,
      options: options(controllerTypes.filter((t) => t !== "pci")),
    },
    {
      name: "model",
      label: "model",
      kind: "select",
      hint: "usbQemuXhciForUsb",
      optionsBy: {
        field: "type",
        options: Object.fromEntries(controllerTypes.map((t) => [t, options(controllerModels[t]) ?? []])),
      },
    },
  ],
};
