import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { options } from "./common";

// libvirt 9.0 has no pvpanic-pci model (its schema rejects model='pvpanic'); isa is the x86 pvpanic device.
export const panicModels = ["isa", "hyperv"] as const;

export const panicSchema = z.object({ model: z.enum(panicModels, { message: "Pick a panic notifier model" }) });
export type PanicValues = z.infer<typeof panicSchema>;

export const panicForm: DeviceForm = {
  family: "panic",
  label: "Panic notifier",
  addable: true,
  defaults: { model: "isa" },
  fields: [
    {
      name: "model",
      label: "Model",
      kind: "select",
      hint: "Tells the host when the guest kernel panics",
      options: options(panicModels, { isa: "ISA (pvpanic)", hyperv: "Hyper-V" }),
    },
  ],
};
