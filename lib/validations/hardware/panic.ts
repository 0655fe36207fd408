import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Panic } from "@/lib/xml/devices/panic";
import { options } from "./common";

/** The x86 models (pseries and s390 belong to other architectures). */
export const panicModels = ["isa", "hyperv"] as const satisfies readonly (typeof Panic.models)[number][];

export const panicSchema = z.object({ model: z.enum(panicModels, { message: said("pickPanicModel") }) });
export type PanicValues = z.infer<typeof panicSchema>;

export const panicForm: DeviceForm = {
  family: "panic",
  addable: true,
  defaults: { ...Panic.defaults },
  fields: [
    {
      name: "model",
      label: "model",
      kind: "select",
      hint: "tellsTheHostWhenThe",
      options: options(panicModels, { isa: "isaPvpanic", hyperv: "hyperV" }),
    },
  ],
};
