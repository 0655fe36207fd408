import { attr, child, defineModel, int, intAttr, list, sizeKiB, text, values, yesNo } from "../core";

export class HostCpu extends defineModel("HostCpu", "cpu", {
  arch: text("./arch"),
  model: text("./model"),
  vendor: text("./vendor"),
  sockets: intAttr("./topology", "sockets"),
  dies: intAttr("./topology", "dies"),
  cores: intAttr("./topology", "cores"),
  threads: intAttr("./topology", "threads"),
  features: values("./feature/@name"),
  pageSizesKiB: values("./pages/@size"),
}) {}

export class NumaCellCpu extends defineModel("NumaCellCpu", "cpu", {
  id: int("./@id"),
  socketId: int("./@socket_id"),
  dieId: int("./@die_id"),
  coreId: int("./@core_id"),
  siblings: text("./@siblings"),
}) {}

export class NumaCell extends defineModel("NumaCell", "cell", {
  id: int("./@id"),
  memoryKiB: sizeKiB("./memory"),
  cpus: list(() => NumaCellCpu, "./cpus/cpu"),
}) {}

/** One <guest>: an OS type on an architecture, with its emulator, machine types and domain types. */
export class CapsGuest extends defineModel("CapsGuest", "guest", {
  osType: text("./os_type"),
  arch: attr("./arch", "name"),
  wordsize: int("./arch/wordsize"),
  emulator: text("./arch/emulator"),
  machines: values("./arch/machine"),
  domainTypes: values("./arch/domain/@type"),
}) {}

/** `virsh capabilities`: the host CPU and NUMA layout, and what guests it can run. */
export class Capabilities extends defineModel("Capabilities", "capabilities", {
  hostUuid: text("./host/uuid"),
  hostCpu: child(() => HostCpu, "./host/cpu"),
  iommu: yesNo("./host/iommu/@support"),
  numaCells: list(() => NumaCell, "./host/topology/cells/cell"),
  secmodels: values("./host/secmodel/model"),
  guests: list(() => CapsGuest, "./guest"),
}) {
  /** Guests for an architecture that can use a domain type (kvm when the host has it). */
  guestsFor(arch: string, domainType?: string): CapsGuest[] {
    return this.guests.filter((g) => g.arch === arch && (domainType === undefined || g.domainTypes.includes(domainType)));
  }
}
