import "server-only";
import { phrases, say } from "@/lib/guests/hardware/device-words";
import { tpmBackends, tpmModels, type TpmValues } from "@/lib/validations/hardware/tpm";
import { Tpm } from "@/lib/xml";
import { defineCodec } from "../codec";
import { changed, known } from "./shared-codec";

function valuesOf(t: Tpm): TpmValues {
  return {
    model: known(tpmModels, t.model, Tpm.defaults.model),
    backend: known(tpmBackends, t.backendType, Tpm.defaults.backendType),
    version: known(Tpm.versions, t.backendVersion, Tpm.defaults.backendVersion),
    devicePath: t.backendDevicePath ?? Tpm.defaultDevicePath,
  };
}

function writeBackend(t: Tpm, v: TpmValues): void {
  t.backendType = v.backend;
  t.backendVersion = v.backend === "emulator" ? v.version : undefined;
  t.backendDevicePath = v.backend === "passthrough" ? v.devicePath : undefined;
}

export const tpmCodec = defineCodec<Tpm, TpmValues>({
  family: "tpm",
  list: (dom) => dom.devices.tpms,
  describe: (t) => ({
    title: phrases("TPM", t.backendVersion),
    summary: phrases(
      t.model ?? "tpm-tis",
      t.backendType === "passthrough"
        ? say("hostTpm", { path: t.backendDevicePath ?? Tpm.defaultDevicePath })
        : (t.backendType ?? "emulator"),
    ),
  }),
  values: valuesOf,
  create: (v) => {
    const t = new Tpm({ model: v.model });
    writeBackend(t, v);
    return { device: t };
  },
  edit: (t, v) => {
    const before = valuesOf(t);
    if (changed(before, v, "model")) t.model = v.model;
    if (changed(before, v, "backend", "version", "devicePath")) writeBackend(t, v);
  },
  hotplug: { attach: false, detach: false, update: false },
});
