import type { HardwareGoldenCase } from "./types";

export const tpmCases: HardwareGoldenCase[] = [
  {
    name: "tpm-add",
    what: "adds an emulated TPM 2.0 (CRB)",
    family: "tpm",
    input: "domain-kernel-in.xml",
    ops: [{ add: { model: "tpm-crb", backend: "emulator", version: "2.0", devicePath: "/dev/tpm0" } }],
  },
  {
    name: "tpm-edit",
    what: "switches the emulated TPM to the host's TPM over TIS",
    family: "tpm",
    input: "domain-full-in.xml",
    ops: [{ edit: 0, values: { model: "tpm-tis", backend: "passthrough", version: "2.0", devicePath: "/dev/tpmrm0" } }],
  },
  {
    name: "tpm-remove",
    what: "removes the TPM",
    family: "tpm",
    input: "domain-full-in.xml",
    ops: [{ remove: 0 }],
  },
];
