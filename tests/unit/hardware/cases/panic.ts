import type { HardwareGoldenCase } from "./types";

export const panicCases: HardwareGoldenCase[] = [
  {
    name: "panic-add",
    what: "adds an ISA panic notifier",
    family: "panic",
    input: "domain-kernel-in.xml",
    ops: [{ add: { model: "isa" } }],
  },
  {
    name: "panic-edit-remove",
    what: "adds a Hyper-V notifier, changes the ISA one to Hyper-V (its ISA address goes), then removes the added one",
    family: "panic",
    input: "domain-full-in.xml",
    ops: [{ add: { model: "hyperv" } }, { edit: 0, values: { model: "hyperv" } }, { remove: 1 }],
  },
];
