import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { charSourceDefaults, charSourceFields, charSourceShape, checkCharSource } from "./chardev";
import { options } from "./common";

const types = ["pty", "file", "unix", "tcp", "udp", "null"] as const;
export const serialTargetTypes = ["isa-serial", "usb-serial", "pci-serial"] as const;

export const serialSchema = z
  .object({ ...charSourceShape(types), targetType: z.enum(serialTargetTypes).default("isa-serial") })
  .superRefine((v, ctx) => checkCharSource(v, ctx));
export type SerialValues = z.infer<typeof serialSchema>;

export const serialForm: DeviceForm = {
  family: "serial",
  label: "Serial",
  addable: true,
  defaults: { ...charSourceDefaults, targetType: "isa-serial" },
  fields: [
    ...charSourceFields(types),
    {
      name: "targetType",
      label: "Device model",
      kind: "select",
      options: options(serialTargetTypes, { "isa-serial": "ISA serial", "usb-serial": "USB serial", "pci-serial": "PCI serial" }),
    },
  ],
};
