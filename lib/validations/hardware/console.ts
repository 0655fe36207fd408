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
      label: "deviceType",
      kind: "select",
      addOnly: true,
      hint: "onlyTheFirstConsoleCan",
      options: options(Console.targetTypes, { serial: "serialPort", virtio: "virtioConsole" }),
    },
  ],
};
