import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";

export const smartcardSchema = z.object({ mode: z.enum(["passthrough", "host"], { message: "Pick a mode" }) });
export type SmartcardValues = z.infer<typeof smartcardSchema>;

export const smartcardForm: DeviceForm = {
  family: "smartcard",
  label: "Smartcard",
  addable: true,
  defaults: { mode: "passthrough" },
  fields: [
    {
      name: "mode",
      label: "Mode",
      kind: "select",
      hint: "Passthrough hands the SPICE client's card reader to the guest; Host uses the host's reader",
      options: [
        { value: "passthrough", label: "Passthrough (SPICE)" },
        { value: "host", label: "Host" },
      ],
    },
  ],
};
