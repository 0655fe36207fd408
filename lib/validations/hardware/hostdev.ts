import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { options } from "./common";

/** Host devices the form passes through (SCSI and mediated devices are kept as defined). */
const hostdevTypes = ["usb", "pci"] as const;

export const hostdevSchema = z
  .object({
    type: z.enum(hostdevTypes, { message: said("pickUsbOrPci") }),
    /** "usb:VVVV:PPPP" (vendor:product) or "pci:DDDD:BB:SS.F", as the host device choices give them. */
    usbDevice: z
      .string()
      .regex(/^(usb:[0-9a-f]{4}:[0-9a-f]{4})?$/, said("pickUsbDevice"))
      .default(""),
    pciDevice: z
      .string()
      .regex(/^(pci:[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])?$/, said("pickPciDevice"))
      .default(""),
  })
  .superRefine((v, ctx) => {
    if (v.type === "usb" && !v.usbDevice) ctx.addIssue({ code: "custom", path: ["usbDevice"], message: said("pickUsbDevice") });
    if (v.type === "pci" && !v.pciDevice) ctx.addIssue({ code: "custom", path: ["pciDevice"], message: said("pickPciDevice") });
  });
export type HostdevValues = z.infer<typeof hostdevSchema>;

export const hostdevForm: DeviceForm = {
  family: "hostdev",
  addable: true,
  defaults: { type: "usb", usbDevice: "", pciDevice: "" },
  fields: [
    {
      name: "type",
      label: "deviceType",
      kind: "select",
      addOnly: true,
      options: options(["usb", "pci"], { usb: "usbHostDevice", pci: "pciHostDevice" }),
    },
    { name: "usbDevice", label: "usbDevice", kind: "select", choices: "usbDevices", showIf: { field: "type", equals: "usb" } },
    {
      name: "pciDevice",
      label: "pciDevice",
      kind: "select",
      choices: "pciDevices",
      hint: "libvirtDetachesItFromThe",
      showIf: { field: "type", equals: "pci" },
    },
  ],
};
