import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Serial } from "@/lib/xml/devices/chardev";
import { charSourceDefaults, charSourceFields, charSourceShape, checkCharSource, portSourceTypes } from "./chardev";
import { options } from "./common";

export const serialSchema = z
  .object({ ...charSourceShape(portSourceTypes), targetType: z.enum(Serial.targetTypes).default(Serial.defaults.targetType) })
  .superRefine((v, ctx) => checkCharSource(v, ctx));
export type SerialValues = z.infer<typeof serialSchema>;

export const serialForm: DeviceForm = {
  family: "serial",
  addable: true,
  defaults: { ...charSourceDefaults, ...Serial.defaults },
  fields: [
    ...charSourceFields(portSourceTypes),
    {
      name: "targetType",
      label: "deviceModel",
      kind: "select",
      options: options(Serial.targetTypes, { "isa-serial": "isaSerial", "usb-serial": "usbSerial", "pci-serial": "pciSerial" }),
    },
  ],
};
