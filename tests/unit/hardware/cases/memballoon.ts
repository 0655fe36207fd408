import type { HardwareGoldenCase } from "./types";

// A guest has exactly one balloon: it is switched on and off by its model, never added or removed.
export const memballoonCases: HardwareGoldenCase[] = [
  {
    name: "memballoon-on",
    what: "switches a guest's balloon from none to virtio with statistics every 5 s and autodeflate",
    family: "memballoon",
    input: "domain-kernel-in.xml",
    ops: [{ edit: 0, values: { model: "virtio", autodeflate: true, statsPeriod: 5 } }],
  },
  {
    name: "memballoon-off",
    what: "switches a virtio balloon off (its options and PCI address go)",
    family: "memballoon",
    input: "domain-full-in.xml",
    ops: [{ edit: 0, values: { model: "none", autodeflate: true, statsPeriod: 10 } }],
  },
];
