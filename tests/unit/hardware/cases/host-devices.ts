import type { HardwareGoldenCase } from "./types";

export const hostDeviceCases: HardwareGoldenCase[] = [
  {
    name: "hostdev-usb-pci",
    what: "passes a USB device (vendor:product) and a PCI function through, then removes the USB one",
    family: "hostdev",
    input: "domain-kernel-in.xml",
    ops: [{ add: { type: "usb", usbDevice: "usb:046d:c52b" } }, { add: { type: "pci", pciDevice: "pci:0000:00:1f.3" } }, { remove: 0 }],
  },
  {
    name: "controller-scsi-usb",
    what: "adds a virtio-scsi controller and switches the guest's USB controller model to qemu-xhci",
    family: "controller",
    input: "domain-kernel-in.xml",
    ops: [{ add: { type: "scsi", model: "virtio-scsi" } }, { edit: 0, values: { type: "usb", model: "qemu-xhci" } }],
  },
  {
    name: "filesystem-virtiofs",
    what: "shares a host directory over virtiofs (turning on shared memory) and makes it readonly",
    family: "filesystem",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { sourceDir: "/srv/share", targetDir: "share", readonly: false } },
      { edit: 0, values: { sourceDir: "/srv/share", targetDir: "share", readonly: true } },
    ],
  },
  {
    name: "redirdev-spice",
    what: "adds a SPICE USB redirector",
    family: "redirdev",
    input: "domain-kernel-in.xml",
    ops: [{ add: { type: "spicevmc" } }],
  },
  {
    name: "smartcard-modes",
    what: "adds a passthrough smartcard, then switches it to the host's reader",
    family: "smartcard",
    input: "domain-kernel-in.xml",
    ops: [{ add: { mode: "passthrough" } }, { edit: 0, values: { mode: "host" } }],
  },
];
