import { type ModelInit, attr, child, defineModel, int, rawXml, sizeKiB, text, yesNo } from "../core";
import { CpuTune, DomainCpu, GuestNumaCell } from "./cpu";
import { Devices } from "./devices";
import { DomainClock, DomainFeatures } from "./features";
import { DomainOs } from "./os";

export type DomainType = "kvm" | "qemu" | "test" | "xen" | "lxc";
export type LifecycleAction = "destroy" | "restart" | "preserve" | "rename-restart" | "coredump-destroy" | "coredump-restart";

// Declared in libvirt's output order: new elements are inserted where libvirt would print them.
const domainFields = {
  type: text<DomainType>("./@type"),
  id: int("./@id"),
  name: text("./name"),
  uuid: text("./uuid"),
  genid: text("./genid"),
  title: text("./title"),
  description: text("./description"),
  metadataXml: rawXml("./metadata"),
  maxMemoryKiB: sizeKiB("./maxMemory"),
  maxMemorySlots: int("./maxMemory/@slots"),
  memoryKiB: sizeKiB("./memory"),
  currentMemoryKiB: sizeKiB("./currentMemory"),
  memoryBackingSource: attr("./memoryBacking/source", "type"),
  memoryBackingAccess: attr<"shared" | "private">("./memoryBacking/access", "mode"),
  vcpus: int("./vcpu"),
  vcpuPlacement: attr<"static" | "auto">("./vcpu", "placement"),
  vcpuCpuset: attr("./vcpu", "cpuset"),
  currentVcpus: int("./vcpu/@current"),
  cputune: child(() => CpuTune, "./cputune"),
  os: child(() => DomainOs, "./os"),
  features: child(() => DomainFeatures, "./features"),
  cpu: child(() => DomainCpu, "./cpu"),
  clock: child(() => DomainClock, "./clock"),
  onPoweroff: text<LifecycleAction>("./on_poweroff"),
  onReboot: text<LifecycleAction>("./on_reboot"),
  onCrash: text<LifecycleAction>("./on_crash"),
  suspendToMem: yesNo("./pm/suspend-to-mem/@enabled"),
  suspendToDisk: yesNo("./pm/suspend-to-disk/@enabled"),
  devices: child(() => Devices, "./devices"),
};

export type DomainInit = ModelInit<typeof domainFields>;

/** vCPUs 0…count-1 as libvirt writes a CPU list. */
const cpuRange = (count: number): string => (count > 1 ? `0-${count - 1}` : "0");

/**
 * A libvirt domain definition.
 *
 *   const dom = Domain.create({ type: "kvm", name: "web1", memoryKiB: 2 * 1024 * 1024, vcpus: 2 });
 *   dom.os.type = "hvm"; dom.os.machine = "q35";
 *   dom.devices.add(new Disk({ type: "file", device: "disk", sourceFile: "/var/lib/libvirt/images/web1.qcow2", targetDev: "vda", targetBus: "virtio" }));
 *   const xml = dom.toXml();
 *
 * Parsed documents are edited in place: `Domain.parse(xml)` keeps every element it does not model.
 */
export class Domain extends defineModel("Domain", "domain", domainFields) {
  static create(init: DomainInit): Domain {
    return new Domain(init);
  }

  /** Memory in MiB, the unit people usually think in (memory and currentMemory both set). */
  setMemoryMiB(mib: number): void {
    this.memoryKiB = mib * 1024;
    this.currentMemoryKiB = mib * 1024;
  }

  /** The most vCPUs; a single NUMA cell (as memory hot-plug makes) keeps holding all of them. */
  setMaxVcpus(count: number): void {
    this.vcpus = count;
    const cells = this.cpu.numaCells.items;
    if (cells.length === 1) cells[0].cpus = cpuRange(count);
  }

  /** What the memory devices (<memory model=…>) add on top of the boot memory. */
  get memoryDevicesKiB(): number {
    return this.devices.memories.items.reduce((sum, m) => sum + (m.targetSizeKiB ?? 0), 0);
  }

  /** The memory the guest boots with: libvirt's <memory> counts the memory devices too. */
  get bootMemoryKiB(): number | undefined {
    return this.memoryKiB === undefined ? undefined : this.memoryKiB - this.memoryDevicesKiB;
  }

  /**
   * Sets the boot memory, keeping <memory> = boot memory + memory devices as libvirt counts it. With
   * NUMA cells the cells hold the boot memory: one cell takes it all; several cells cannot be told
   * apart here, so it returns false and changes nothing.
   */
  setBootMemoryKiB(kib: number): boolean {
    const cells = this.cpu.numaCells.items;
    if (cells.length > 1 && kib !== this.bootMemoryKiB) return false;
    if (cells.length === 1) cells[0].memoryKiB = kib;
    this.memoryKiB = kib + this.memoryDevicesKiB;
    return true;
  }

  /**
   * Room for memory devices: up to `limitKiB` in all and `slots` modules. On x86 libvirt also wants a
   * NUMA cell, so a guest without one gets a single cell holding every vCPU and the boot memory.
   */
  enableMemoryHotplug(limitKiB: number, slots: number): void {
    this.maxMemoryKiB = limitKiB;
    this.maxMemorySlots = slots;
    if (this.cpu.numaCells.length > 0) return;
    this.cpu.numaCells.add(new GuestNumaCell({ id: 0, cpus: cpuRange(this.vcpus ?? 1), memoryKiB: this.bootMemoryKiB ?? this.memoryKiB }));
  }

  /** No more memory devices; the NUMA cell stays (the guest's topology is its own). */
  disableMemoryHotplug(): void {
    this.maxMemoryKiB = undefined;
    this.maxMemorySlots = undefined;
  }
}
