import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";

export const redirdevSchema = z.object({ type: z.enum(["spicevmc"], { message: said("usbRedirSpice") }) });
export type RedirdevValues = z.infer<typeof redirdevSchema>;

export const redirdevForm: DeviceForm = {
  family: "redirdev",
  addable: true,
  defaults: { type: "spicevmc" },
  fields: [
    {
      name: "type",
      label: "Type",
      kind: "select",
      addOnly: true,
      hint: "Lets a SPICE client hand its USB devices to the guest; needs a SPICE display",
      options: [{ value: "spicevmc", label: "SPICE channel" }],
    },
  ],
};
