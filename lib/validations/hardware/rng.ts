import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Rng } from "@/lib/xml/devices/rng";
import { optionalInt, options } from "./common";

/** A host device or QEMU's own generator (an EGD daemon is kept as defined). */
export const rngBackends = ["random", "builtin"] as const satisfies readonly (typeof Rng.backends)[number][];

export const rngSchema = z
  .object({
    backend: z.enum(rngBackends, { message: said("pickEntropySource") }),
    path: z.enum(Rng.sources).default(Rng.defaults.backendPath),
    rateBytes: optionalInt(1, 2 ** 31 - 1, said("wholeBytesAtLeast1")).default(null),
    ratePeriodMs: optionalInt(1, 2 ** 31 - 1, said("wholeMsAtLeast1")).default(null),
  })
  .refine((v) => !(v.ratePeriodMs !== null && v.rateBytes === null), {
    path: ["rateBytes"],
    message: said("periodNeedsBytes"),
  });
export type RngValues = z.infer<typeof rngSchema>;

export const rngForm: DeviceForm = {
  family: "rng",
  addable: true,
  defaults: { backend: Rng.defaults.backendModel, path: Rng.defaults.backendPath, rateBytes: null, ratePeriodMs: null },
  fields: [
    {
      name: "backend",
      label: "backend",
      kind: "select",
      options: options(rngBackends, { random: "hostDevice", builtin: "qemuBuiltIn" }),
    },
    { name: "path", label: "hostDevice", kind: "select", showIf: { field: "backend", equals: "random" }, options: options(Rng.sources) },
    { name: "rateBytes", label: "rateLimit", kind: "number", unit: "B", hint: "emptyNoLimit" },
    {
      name: "ratePeriodMs",
      label: "perPeriod",
      kind: "number",
      unit: "ms",
      hint: "emptyDefaultPeriod",
      hintValues: { ms: Rng.defaultRatePeriod },
    },
  ],
};
