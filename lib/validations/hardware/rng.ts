import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { optionalInt, options } from "./common";

export const rngSources = ["/dev/urandom", "/dev/random"] as const;

export const rngSchema = z
  .object({
    backend: z.enum(["random", "builtin"], { message: "Pick where the entropy comes from" }),
    path: z.enum(rngSources).default("/dev/urandom"),
    rateBytes: optionalInt(1, 2 ** 31 - 1, "Whole bytes, at least 1").default(null),
    ratePeriodMs: optionalInt(1, 2 ** 31 - 1, "Whole milliseconds, at least 1").default(null),
  })
  .refine((v) => !(v.ratePeriodMs !== null && v.rateBytes === null), {
    path: ["rateBytes"],
    message: "A period limits some number of bytes",
  });
export type RngValues = z.infer<typeof rngSchema>;

export const rngForm: DeviceForm = {
  family: "rng",
  label: "RNG",
  addable: true,
  defaults: { backend: "random", path: "/dev/urandom", rateBytes: null, ratePeriodMs: null },
  fields: [
    {
      name: "backend",
      label: "Backend",
      kind: "select",
      options: options(["random", "builtin"], { random: "Host device", builtin: "QEMU built-in" }),
    },
    { name: "path", label: "Host device", kind: "select", showIf: { field: "backend", equals: "random" }, options: options(rngSources) },
    { name: "rateBytes", label: "Rate limit", kind: "number", unit: "bytes", hint: "Empty: no limit" },
    { name: "ratePeriodMs", label: "Per period", kind: "number", unit: "ms", hint: "Empty: 1000 ms" },
  ],
};
