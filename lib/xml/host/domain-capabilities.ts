import { defineModel, intAttr, list, text, values, yesNo } from "../core";

export class DomcapsCpuMode extends defineModel("DomcapsCpuMode", "mode", {
  name: text("./@name"),
  supported: yesNo("./@supported"),
}) {}

export class DomcapsCpuModel extends defineModel("DomcapsCpuModel", "model", {
  name: text("."),
  usable: text<"yes" | "no" | "unknown">("./@usable"),
  vendor: text("./@vendor"),
}) {}

// `<enum name='x'><value>..</value></enum>` lists, one line each.
const enumValues = (parent: string, name: string) => values(`${parent}/enum[@name='${name}']/value`);

/** `virsh domcapabilities`: what one emulator/machine/arch/virt-type combination supports. */
export class DomainCapabilities extends defineModel("DomainCapabilities", "domainCapabilities", {
  path: text("./path"),
  domainType: text("./domain"),
  machine: text("./machine"),
  arch: text("./arch"),
  vcpuMax: intAttr("./vcpu", "max"),
  osSupported: yesNo("./os/@supported"),
  firmwares: enumValues("./os", "firmware"),
  loaderPaths: values("./os/loader/value"),
  loaderTypes: enumValues("./os/loader", "type"),
  loaderSecure: enumValues("./os/loader", "secure"),
  cpuModes: list(() => DomcapsCpuMode, "./cpu/mode"),
  hostModelName: text("./cpu/mode[@name='host-model']/model"),
  customCpuModels: list(() => DomcapsCpuModel, "./cpu/mode[@name='custom']/model"),
  diskDevices: enumValues("./devices/disk", "diskDevice"),
  diskBuses: enumValues("./devices/disk", "bus"),
  graphicsTypes: enumValues("./devices/graphics", "type"),
  videoModels: enumValues("./devices/video", "modelType"),
  hostdevSubsysTypes: enumValues("./devices/hostdev", "subsysType"),
  rngModels: enumValues("./devices/rng", "model"),
  filesystemDriverTypes: enumValues("./devices/filesystem", "driverType"),
  tpmModels: enumValues("./devices/tpm", "model"),
  tpmBackendModels: enumValues("./devices/tpm", "backendModel"),
  tpmBackendVersions: enumValues("./devices/tpm", "backendVersion"),
  redirdevBuses: enumValues("./devices/redirdev", "bus"),
  channelTypes: enumValues("./devices/channel", "type"),
  gic: yesNo("./features/gic/@supported"),
  vmcoreinfo: yesNo("./features/vmcoreinfo/@supported"),
  genid: yesNo("./features/genid/@supported"),
  backup: yesNo("./features/backup/@supported"),
  sev: yesNo("./features/sev/@supported"),
  hyperv: yesNo("./features/hyperv/@supported"),
  hypervFeatures: enumValues("./features/hyperv", "features"),
}) {
  get supportsUefi(): boolean {
    return this.firmwares.includes("efi") || this.loaderPaths.length > 0;
  }

  /** Secure boot needs a loader that libvirt reports as secure-capable. */
  get supportsSecureBoot(): boolean {
    return this.loaderSecure.includes("yes");
  }

  get usableCpuModels(): string[] {
    return this.customCpuModels.filter((m) => m.usable === "yes").map((m) => m.name ?? "");
  }
}
