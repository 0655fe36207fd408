import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { charSourceDefaults, charSourceFields, charSourceShape, checkCharSource } from "./chardev";
import { options } from "./common";

const types = ["pty", "file", "unix", "tcp", "udp", "null"] as const;
export const consoleTargetTypes = ["serial", "virtio"] as const;

export const consoleSchema = z
  .object({ ...charSourceShape(types), targetType: z.enum(consoleTargetTypes).default("virtio") })
  .superRefine((v, ctx) => checkCharSource(v, ctx));
export type ConsoleValues = z.infer<typeof consoleSchema>;

export const consoleForm: DeviceForm = {
  family: "console",
  label: "Console",
  addable: true,
  defaults: { ...charSourceDefaults, targetType: "virtio" },
  fields: [
    ...charSourceFields(types),
    {
      name: "targetType",
      label: "Device type",
      kind: "select",
      addOnly: true,
      hint: "Only the first console can be a serial port (it then follows serial port 0)",
      options: options(consoleTargetTypes, { serial: "Serial port", virtio: "Virtio console" }),
    },
  ],
};
