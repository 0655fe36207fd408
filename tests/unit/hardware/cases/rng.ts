import type { HardwareGoldenCase } from "./types";

export const rngCases: HardwareGoldenCase[] = [
  {
    name: "rng-add",
    what: "adds a /dev/random RNG limited to 2048 bytes a second, and a built-in one",
    family: "rng",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { backend: "random", path: "/dev/random", rateBytes: 2048, ratePeriodMs: 1000 } },
      { add: { backend: "builtin", path: "/dev/urandom", rateBytes: null, ratePeriodMs: null } },
    ],
  },
  {
    name: "rng-edit-remove",
    what: "switches the RNG to the built-in backend without a limit, adds another and removes the first",
    family: "rng",
    input: "domain-full-in.xml",
    ops: [
      { edit: 0, values: { backend: "builtin", path: "/dev/urandom", rateBytes: null, ratePeriodMs: null } },
      { add: { backend: "random", path: "/dev/urandom", rateBytes: 512, ratePeriodMs: null } },
      { remove: 0 },
    ],
  },
];
