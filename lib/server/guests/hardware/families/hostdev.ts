import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { HostdevValues } from "@/lib/validations/hardware/hostdev";
import { Hostdev } from "@/lib/xml";
import { defineCodec } from "../codec";

const hex = (v: string | undefined, width: number) =>
  parseInt(v ?? "0", 16)
    .toString(16)
    .padStart(width, "0");

function sourceValue(h: Hostdev): string {
  if (h.type === "pci")
    return `pci:${hex(h.sourceAddressDomain, 4)}:${hex(h.sourceAddressBus, 2)}:${hex(h.sourceAddressSlot, 2)}.${hex(h.sourceAddressFunction, 1)}`;
  return h.usbVendor && h.usbProduct ? `usb:${hex(h.usbVendor, 4)}:${hex(h.usbProduct, 4)}` : "";
}

function writeSource(h: Hostdev, values: HostdevValues): void {
  if (values.type === "pci") {
    const [domain, bus, slotFn] = values.pciDevice.slice(4).split(":");
    const [slot, fn] = slotFn.split(".");
    Object.assign(h, {
      sourceAddressDomain: `0x${domain}`,
      sourceAddressBus: `0x${bus}`,
      sourceAddressSlot: `0x${slot}`,
      sourceAddressFunction: `0x${fn}`,
    });
  } else {
    const [, vendor, product] = values.usbDevice.split(":");
    Object.assign(h, { usbVendor: `0x${vendor}`, usbProduct: `0x${product}` });
  }
}

export const hostdevCodec = defineCodec<Hostdev, HostdevValues>({
  family: "hostdev",
  list: (dom) => dom.devices.hostdevs,
  describe: (h) =>
    describeAs(
      [h.type === "pci" ? "PCI" : "USB", sourceValue(h).replace(/^(pci|usb):/, "")],
      [say(h.type === "pci" ? "pciHostDevice" : "usbHostDevice")],
    ),
  values: (h) => ({
    type: h.type === "pci" ? "pci" : "usb",
    usbDevice: h.type === "pci" ? "" : sourceValue(h),
    pciDevice: h.type === "pci" ? sourceValue(h) : "",
  }),
  create: (values) => {
    const h = new Hostdev({ mode: "subsystem", type: values.type, managed: true });
    writeSource(h, values);
    return { device: h };
  },
  edit: (h, values) => {
    if (sourceValue(h) !== (values.type === "pci" ? values.pciDevice : values.usbDevice)) writeSource(h, values);
  },
  identity: (h) => sourceValue(h) || undefined,
  hotplug: { attach: true, detach: true, update: false },
});
