import type { HardwareGoldenCase } from "./types";

export const inputCases: HardwareGoldenCase[] = [
  {
    name: "input-add",
    what: "adds a USB tablet and a virtio keyboard",
    family: "input",
    input: "domain-kernel-in.xml",
    ops: [{ add: { type: "tablet", bus: "usb" } }, { add: { type: "keyboard", bus: "virtio" } }],
  },
  {
    name: "input-edit-remove",
    what: "moves the USB tablet to virtio, changes nothing of the passthrough input when its values come back unchanged, and removes the virtio keyboard",
    family: "input",
    input: "domain-full-in.xml",
    ops: [{ edit: 0, values: { type: "tablet", bus: "virtio" } }, { edit: 3, values: { type: "tablet", bus: "virtio" } }, { remove: 1 }],
  },
];
