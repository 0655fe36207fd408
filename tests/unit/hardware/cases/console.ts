import type { HardwareGoldenCase } from "./types";

const base = { path: "", mode: "bind", host: "", service: null };

export const consoleCases: HardwareGoldenCase[] = [
  {
    name: "console-add-edit-remove",
    what: "adds two virtio consoles, points the first at a file, edits the serial-port console with its own values (no change), and removes the second",
    family: "console",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { ...base, type: "pty", targetType: "virtio" } },
      { add: { ...base, type: "null", targetType: "virtio" } },
      { edit: 1, values: { ...base, type: "file", path: "/var/log/libvirt/qemu/hvc0.log", targetType: "virtio" } },
      { edit: 0, values: { ...base, type: "pty", targetType: "serial" } },
      { remove: 2 },
    ],
  },
];
