import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { options } from "./common";

export const redirdevSchema = z.object({ type: z.enum(["spicevmc"], { message: said("usbRedirSpice") }) });
export type RedirdevValues = z.infer<typeof redirdevSchema>;

export const redirdevForm: DeviceForm = {
  family: "redirdev",
  addable: true,
  defaults: { type: "spicevmc" },
  fields: [
    {
      name: "type",
      label: "type",
      kind: "select",
      addOnly: true,
      hint: "letsASpiceClientHand",
      options: options(["spicevmc"], { spicevmc: "spiceChannel" }),
    },
  ],
};
