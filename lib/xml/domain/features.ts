import { attr, defineModel, flag, intAttr, list, onOff, text, yesNo } from "../core";

/** <features>: presence flags (acpi, apic, pae) and state switches (smm, vmport, hyperv enlightenments). */
export class DomainFeatures extends defineModel("DomainFeatures", "features", {
  acpi: flag("./acpi"),
  apic: flag("./apic"),
  pae: flag("./pae"),
  hypervMode: attr<"custom" | "passthrough">("./hyperv", "mode"),
  hypervRelaxed: onOff("./hyperv/relaxed/@state"),
  hypervVapic: onOff("./hyperv/vapic/@state"),
  hypervSpinlocks: onOff("./hyperv/spinlocks/@state"),
  hypervSpinlockRetries: intAttr("./hyperv/spinlocks", "retries"),
  hypervVpindex: onOff("./hyperv/vpindex/@state"),
  hypervSynic: onOff("./hyperv/synic/@state"),
  hypervStimer: onOff("./hyperv/stimer/@state"),
  kvmHidden: onOff("./kvm/hidden/@state"),
  vmport: onOff("./vmport/@state"),
  smm: onOff("./smm/@state"),
  ioapicDriver: attr<"kvm" | "qemu">("./ioapic", "driver"),
}) {}

export class ClockTimer extends defineModel("ClockTimer", "timer", {
  name: text("./@name"),
  tickpolicy: text("./@tickpolicy"),
  present: yesNo("./@present"),
}) {}

export class DomainClock extends defineModel("DomainClock", "clock", {
  offset: text<"utc" | "localtime" | "timezone" | "variable">("./@offset"),
  timezone: text("./@timezone"),
  adjustment: text("./@adjustment"),
  timers: list(() => ClockTimer, "./timer"),
}) {}
