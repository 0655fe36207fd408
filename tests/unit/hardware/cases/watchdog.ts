import type { HardwareGoldenCase } from "./types";

export const watchdogCases: HardwareGoldenCase[] = [
  {
    name: "watchdog-add-edit",
    what: "adds an i6300esb watchdog, then changes its action to poweroff",
    family: "watchdog",
    input: "domain-kernel-in.xml",
    ops: [{ add: { model: "i6300esb", action: "reset" } }, { edit: 0, values: { model: "i6300esb", action: "poweroff" } }],
  },
  {
    name: "watchdog-remove",
    what: "adds two watchdogs and removes the first",
    family: "watchdog",
    input: "domain-kernel-in.xml",
    ops: [{ add: { model: "i6300esb", action: "reset" } }, { add: { model: "ib700", action: "none" } }, { remove: 0 }],
  },
];
