import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Console } from "@/lib/xml/devices/chardev";
import { charSourceDefaults, charSourceFields, charSourceShape, checkCharSource, portSourceTypes } from "./chardev";
import { options } from "./common";

export const consoleSchema = z
  .object({ ...charSourceShape(portSourceTypes), targetType: z.enum(Console.targetTypes).default(Console.defaults.targetType) })
  .superRefine((v, ctx) => checkCharSource(v, ctx));
export type ConsoleValues = z.infer<typeof consoleSchema>;

export const consoleForm: DeviceForm = {
  family: "console",
  addable: true,
  defaults: { ...charSourceDefaults, ...Console.defaults },
  fields: [
    ...charSourceFields(portSourceTypes),
    {
      name: "targetType",
      label: "Device type",
      kind: "select",
      addOnly: true,
      hint: "Only the first console can be a serial port (it then follows serial port 0)",
      options: options(Console.targetTypes, { serial: "Serial port", virtio: "Virtio console" }),
    },
  ],
};
