import type { HardwareGoldenCase } from "./types";

const base = { path: "", mode: "bind", host: "", service: null };

export const parallelCases: HardwareGoldenCase[] = [
  {
    name: "parallel-add-edit",
    what: "adds a pty parallel port, then sends it to a file",
    family: "parallel",
    input: "domain-kernel-in.xml",
    ops: [{ add: { ...base, type: "pty" } }, { edit: 0, values: { ...base, type: "file", path: "/var/log/libvirt/qemu/lpt.log" } }],
  },
  {
    name: "parallel-remove",
    what: "removes the parallel port",
    family: "parallel",
    input: "domain-full-in.xml",
    ops: [{ remove: 0 }],
  },
];
