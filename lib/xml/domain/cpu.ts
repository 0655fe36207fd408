import { attr, defineModel, int, intAttr, list, onOff, sizeKiB, text } from "../core";

export class CpuFeature extends defineModel("CpuFeature", "feature", {
  policy: text<"force" | "require" | "optional" | "disable" | "forbid">("./@policy"),
  name: text("./@name"),
}) {}

/** A guest NUMA cell: which vCPUs and how much of the boot memory belong to it. */
export class GuestNumaCell extends defineModel("GuestNumaCell", "cell", {
  id: int("./@id"),
  cpus: text("./@cpus"),
  memoryKiB: sizeKiB("./@memory"),
}) {}

export class DomainCpu extends defineModel("DomainCpu", "cpu", {
  mode: text<"custom" | "host-model" | "host-passthrough" | "maximum">("./@mode"),
  match: text<"minimum" | "exact" | "strict">("./@match"),
  check: text<"none" | "partial" | "full">("./@check"),
  migratable: onOff("./@migratable"),
  model: text("./model"),
  modelFallback: attr<"allow" | "forbid">("./model", "fallback"),
  vendor: text("./vendor"),
  sockets: intAttr("./topology", "sockets"),
  dies: intAttr("./topology", "dies"),
  cores: intAttr("./topology", "cores"),
  threads: intAttr("./topology", "threads"),
  features: list(() => CpuFeature, "./feature"),
  numaCells: list(() => GuestNumaCell, "./numa/cell"),
}) {
  setTopology(topology: { sockets: number; dies?: number; cores: number; threads: number }): void {
    this.sockets = topology.sockets;
    this.dies = topology.dies ?? 1;
    this.cores = topology.cores;
    this.threads = topology.threads;
  }
}

export class VcpuPin extends defineModel("VcpuPin", "vcpupin", {
  vcpu: int("./@vcpu"),
  cpuset: text("./@cpuset"),
}) {}

export class CpuTune extends defineModel("CpuTune", "cputune", {
  shares: int("./shares"),
  vcpuPins: list(() => VcpuPin, "./vcpupin"),
  emulatorPin: attr("./emulatorpin", "cpuset"),
}) {
  /** Pins one vCPU, replacing an earlier pin of the same vCPU. */
  pin(vcpu: number, cpuset: string): void {
    const existing = this.vcpuPins.find((p) => p.vcpu === vcpu);
    if (existing) existing.cpuset = cpuset;
    else this.vcpuPins.add(new VcpuPin({ vcpu, cpuset }));
  }
}
