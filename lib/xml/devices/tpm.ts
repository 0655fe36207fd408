import { attr, defineModel, text } from "../core";
import { deviceTail } from "./common";

// The values libvirt 9.0 knows, kept with the model (as virtinst keeps them on the device class);
// schemas, forms and codecs take them from here.
const tpmModels = ["tpm-crb", "tpm-tis", "tpm-spapr"] as const;
const tpmBackends = ["emulator", "passthrough", "external"] as const;
const tpmVersions = ["2.0", "1.2"] as const;

export class Tpm extends defineModel("Tpm", "tpm", {
  model: text<(typeof tpmModels)[number]>("./@model"),
  backendType: attr<(typeof tpmBackends)[number]>("./backend", "type"),
  backendVersion: attr<(typeof tpmVersions)[number]>("./backend", "version"),
  backendDevicePath: attr("./backend/device", "path"),
  ...deviceTail,
}) {
  static readonly models = tpmModels;
  static readonly backends = tpmBackends;
  static readonly versions = tpmVersions;
  /** virt-manager's TPM: emulated (swtpm), 2.0, on CRB. */
  static readonly defaults = { model: "tpm-crb", backendType: "emulator", backendVersion: "2.0" } as const;
  static readonly defaultDevicePath = "/dev/tpm0";
}
