import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Smartcard } from "@/lib/xml/devices/smartcard";
import { options } from "./common";

/** virt-manager's two modes (host-certificates needs NSS certificates on the host: kept as defined). */
export const smartcardModes = ["passthrough", "host"] as const satisfies readonly (typeof Smartcard.modes)[number][];

export const smartcardSchema = z.object({ mode: z.enum(smartcardModes, { message: said("pickMode") }) });
export type SmartcardValues = z.infer<typeof smartcardSchema>;

export const smartcardForm: DeviceForm = {
  family: "smartcard",
  addable: true,
  defaults: { mode: Smartcard.defaults.mode },
  fields: [
    {
      name: "mode",
      label: "mode",
      kind: "select",
      hint: "passthroughHandsTheSpiceClient",
      options: options(smartcardModes, { passthrough: "passthroughSpice", host: "host" }),
    },
  ],
};
