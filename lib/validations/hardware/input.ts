import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Input } from "@/lib/xml/devices/input";
import { options } from "./common";

/** What the form offers (evdev and passthrough inputs name host devices: kept as defined). */
export const inputTypes = ["tablet", "mouse", "keyboard"] as const satisfies readonly (typeof Input.types)[number][];
export const inputBuses = ["usb", "virtio", "ps2"] as const satisfies readonly (typeof Input.buses)[number][];

export const inputSchema = z
  .object({
    type: z.enum(inputTypes, { message: said("pickDeviceType") }),
    bus: z.enum(inputBuses, { message: said("pickBus") }),
  })
  .refine((v) => !(v.type === "tablet" && v.bus === "ps2"), { path: ["bus"], message: said("tabletBus") });
export type InputValues = z.infer<typeof inputSchema>;

export const inputForm: DeviceForm = {
  family: "input",
  addable: true,
  defaults: { ...Input.defaults },
  fields: [
    {
      name: "type",
      label: "type",
      kind: "select",
      options: options(inputTypes, { tablet: "evtouchUsbGraphicsTablet", mouse: "mouse", keyboard: "keyboard" }),
    },
    {
      name: "bus",
      label: "bus",
      kind: "select",
      hint: "ps2IsForMice",
      options: options(inputBuses, { usb: "usb", virtio: "virtio", ps2: "ps2" }),
    },
  ],
};
