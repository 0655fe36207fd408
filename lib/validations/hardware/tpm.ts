import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { hostPath, options } from "./common";

export const tpmModels = ["tpm-tis", "tpm-crb"] as const;

export const tpmSchema = z
  .object({
    model: z.enum(tpmModels, { message: "Pick a TPM model" }),
    backend: z.enum(["emulator", "passthrough"], { message: "Pick an emulated or a host TPM" }),
    version: z.enum(["2.0", "1.2"]).default("2.0"),
    devicePath: hostPath.default("/dev/tpm0"),
  })
  .refine((v) => !(v.backend === "emulator" && v.model === "tpm-crb" && v.version === "1.2"), {
    path: ["version"],
    message: "A CRB TPM is always version 2.0",
  });
export type TpmValues = z.infer<typeof tpmSchema>;

export const tpmForm: DeviceForm = {
  family: "tpm",
  label: "TPM",
  addable: true,
  defaults: { model: "tpm-crb", backend: "emulator", version: "2.0", devicePath: "/dev/tpm0" },
  fields: [
    {
      name: "backend",
      label: "Type",
      kind: "select",
      options: options(["emulator", "passthrough"], { emulator: "Emulated", passthrough: "Passthrough (the host's TPM)" }),
    },
    { name: "model", label: "Model", kind: "select", options: options(tpmModels, { "tpm-tis": "TIS", "tpm-crb": "CRB" }) },
    {
      name: "version",
      label: "Version",
      kind: "select",
      showIf: { field: "backend", equals: "emulator" },
      options: options(["2.0", "1.2"]),
    },
    { name: "devicePath", label: "Device path", kind: "text", showIf: { field: "backend", equals: "passthrough" } },
  ],
};
