// Small single-purpose devices.
import { attr, defineModel, flag, intAttr, onOff, text } from "../core";
import { deviceTail } from "./common";

// The values libvirt 9.0 knows for each family, kept with its model (as virtinst keeps them on the
// device class); schemas, forms and codecs take them from here.
const soundModels = ["ich9", "ich6", "ac97", "usb", "es1370", "sb16", "ich7", "pcspk"] as const;

export class Sound extends defineModel("Sound", "sound", {
  model: text<(typeof soundModels)[number]>("./@model"),
  codecType: attr("./codec", "type"),
  /** The <audio> backend (by its id) this device plays through; libvirt uses the first one without it. */
  audioId: intAttr("./audio", "id"),
  ...deviceTail,
}) {
  static readonly models = soundModels;
  /** virt-manager's choice for x86 guests: Intel HDA on the ICH9 (q35) chipset. */
  static readonly defaults = { model: "ich9" } as const;
}

const watchdogModels = ["i6300esb", "ib700", "itco", "diag288"] as const;
const watchdogActions = ["reset", "shutdown", "poweroff", "pause", "none", "dump", "inject-nmi"] as const;

export class Watchdog extends defineModel("Watchdog", "watchdog", {
  model: text<(typeof watchdogModels)[number]>("./@model"),
  action: text<(typeof watchdogActions)[number]>("./@action"),
  ...deviceTail,
}) {
  static readonly models = watchdogModels;
  static readonly actions = watchdogActions;
  /** Also what libvirt assumes when the attributes are missing. */
  static readonly defaults = { model: "i6300esb", action: "reset" } as const;
}

const rngBackends = ["random", "builtin", "egd"] as const;
/** Host devices a random backend may read. */
const rngSources = ["/dev/urandom", "/dev/random"] as const;

export class Rng extends defineModel("Rng", "rng", {
  model: text("./@model"),
  rateBytes: intAttr("./rate", "bytes"),
  ratePeriod: intAttr("./rate", "period"),
  backendModel: attr<(typeof rngBackends)[number]>("./backend", "model"),
  backendPath: text("./backend"),
  ...deviceTail,
}) {
  static readonly backends = rngBackends;
  static readonly sources = rngSources;
  static readonly defaults = { model: "virtio", backendModel: "random", backendPath: "/dev/urandom" } as const;
  /** libvirt's rate period when only bytes are given, in ms. */
  static readonly defaultRatePeriod = 1000;
}

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

const memballoonModels = ["virtio", "none", "virtio-transitional", "virtio-non-transitional", "xen"] as const;

export class Memballoon extends defineModel("Memballoon", "memballoon", {
  model: text<(typeof memballoonModels)[number]>("./@model"),
  autodeflate: onOff("./@autodeflate"),
  freePageReporting: onOff("./@freePageReporting"),
  statsPeriod: intAttr("./stats", "period"),
  ...deviceTail,
}) {
  static readonly models = memballoonModels;
  static readonly defaults = { model: "virtio" } as const;
}

/** Shared host directory; virtiofs needs shared memory backing on the domain. */
export class Filesystem extends defineModel("Filesystem", "filesystem", {
  type: text<"mount" | "block" | "file" | "template" | "ram" | "bind">("./@type"),
  accessmode: text<"passthrough" | "mapped" | "squash">("./@accessmode"),
  driverType: attr<"path" | "handle" | "virtiofs" | "loop" | "nbd">("./driver", "type"),
  binaryPath: attr("./binary", "path"),
  sourceDir: attr("./source", "dir"),
  targetDir: attr("./target", "dir"),
  readonly: flag("./readonly"),
  ...deviceTail,
}) {}

const smartcardModes = ["passthrough", "host", "host-certificates"] as const;

export class Smartcard extends defineModel("Smartcard", "smartcard", {
  mode: text<(typeof smartcardModes)[number]>("./@mode"),
  type: text("./@type"),
  ...deviceTail,
}) {
  static readonly modes = smartcardModes;
  static readonly defaults = { mode: "passthrough", type: "spicevmc" } as const;
}

// libvirt 9.0 has no pvpanic-pci model (its schema rejects model='pvpanic'); isa is the x86 pvpanic device.
const panicModels = ["isa", "hyperv", "pseries", "s390"] as const;

export class Panic extends defineModel("Panic", "panic", {
  model: text<(typeof panicModels)[number]>("./@model"),
  ...deviceTail,
}) {
  static readonly models = panicModels;
  static readonly defaults = { model: "isa" } as const;
}
