import { type ModelInit, attr, child, defineModel, int, rawXml, sizeKiB, text, yesNo } from "../core";
import { CpuTune, DomainCpu } from "./cpu";
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
}
