import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Tpm } from "@/lib/xml/devices/tpm";
import { hostPath, options } from "./common";

/** The x86 models (tpm-spapr is POWER's). */
export const tpmModels = ["tpm-tis", "tpm-crb"] as const satisfies readonly (typeof Tpm.models)[number][];
/** An emulated TPM (swtpm) or the host's own; an external swtpm socket is kept as defined. */
export const tpmBackends = ["emulator", "passthrough"] as const satisfies readonly (typeof Tpm.backends)[number][];

export const tpmSchema = z
  .object({
    model: z.enum(tpmModels, { message: said("pickTpmModel") }),
    backend: z.enum(tpmBackends, { message: said("pickTpmBackend") }),
    version: z.enum(Tpm.versions).default(Tpm.defaults.backendVersion),
    devicePath: hostPath.default(Tpm.defaultDevicePath),
  })
  .refine((v) => !(v.backend === "emulator" && v.model === "tpm-crb" && v.version === "1.2"), {
    path: ["version"],
    message: said("crbVersion"),
  });
export type TpmValues = z.infer<typeof tpmSchema>;

export const tpmForm: DeviceForm = {
  family: "tpm",
  addable: true,
  defaults: {
    model: Tpm.defaults.model,
    backend: Tpm.defaults.backendType,
    version: Tpm.defaults.backendVersion,
    devicePath: Tpm.defaultDevicePath,
  },
  fields: [
    {
      name: "backend",
      label: "type",
      kind: "select",
      options: options(tpmBackends, { emulator: "emulated", passthrough: "passthroughTheHostSTpm" }),
    },
    { name: "model", label: "model", kind: "select", options: options(tpmModels, { "tpm-tis": "tis", "tpm-crb": "crb" }) },
    {
      name: "version",
      label: "version",
      kind: "select",
      showIf: { field: "backend", equals: "emulator" },
      options: options(Tpm.versions),
    },
    { name: "devicePath", label: "devicePath", kind: "text", showIf: { field: "backend", equals: "passthrough" } },
  ],
};
