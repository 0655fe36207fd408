// Small single-purpose devices.
import { attr, defineModel, flag, intAttr, onOff, text } from "../core";
import { deviceTail } from "./common";

export class Sound extends defineModel("Sound", "sound", {
  model: text<"ich6" | "ich9" | "ac97" | "es1370" | "sb16" | "usb" | "ich7">("./@model"),
  codecType: attr("./codec", "type"),
  /** The <audio> backend (by its id) this device plays through; libvirt uses the first one without it. */
  audioId: intAttr("./audio", "id"),
  ...deviceTail,
}) {}

export class Watchdog extends defineModel("Watchdog", "watchdog", {
  model: text<"i6300esb" | "ib700" | "diag288" | "itco">("./@model"),
  action: text<"reset" | "shutdown" | "poweroff" | "pause" | "none" | "dump" | "inject-nmi">("./@action"),
  ...deviceTail,
}) {}

export class Rng extends defineModel("Rng", "rng", {
  model: text("./@model"),
  rateBytes: intAttr("./rate", "bytes"),
  ratePeriod: intAttr("./rate", "period"),
  backendModel: attr<"random" | "egd" | "builtin">("./backend", "model"),
  backendPath: text("./backend"),
  ...deviceTail,
}) {}

export class Tpm extends defineModel("Tpm", "tpm", {
  model: text<"tpm-tis" | "tpm-crb" | "tpm-spapr">("./@model"),
  backendType: attr<"emulator" | "passthrough" | "external">("./backend", "type"),
  backendVersion: attr<"1.2" | "2.0">("./backend", "version"),
  backendDevicePath: attr("./backend/device", "path"),
  ...deviceTail,
}) {}

export class Memballoon extends defineModel("Memballoon", "memballoon", {
  model: text<"virtio" | "virtio-transitional" | "virtio-non-transitional" | "xen" | "none">("./@model"),
  autodeflate: onOff("./@autodeflate"),
  freePageReporting: onOff("./@freePageReporting"),
  statsPeriod: intAttr("./stats", "period"),
  ...deviceTail,
}) {}

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

export class Smartcard extends defineModel("Smartcard", "smartcard", {
  mode: text<"host" | "host-certificates" | "passthrough">("./@mode"),
  type: text("./@type"),
  ...deviceTail,
}) {}

export class Panic extends defineModel("Panic", "panic", {
  model: text<"isa" | "pseries" | "hyperv" | "s390" | "pvpanic">("./@model"),
  ...deviceTail,
}) {}
