// The convenience API on top of the fields (what the guest builder and the UI call).
import { describe, expect, it } from "vitest";
import {
  Capabilities,
  Channel,
  Disk,
  Domain,
  DomainCapabilities,
  DomainSnapshot,
  Graphics,
  Memballoon,
  Network,
  NodeDevice,
  Sound,
} from "@/lib/xml";
import { readFixture } from "./support/fixtures";

describe("Domain", () => {
  it("is created with plain fields and grows devices in libvirt's order, whatever order they are added in", () => {
    const dom = Domain.create({ type: "kvm", name: "api" });
    dom.setMemoryMiB(512);
    dom.devices.add(new Memballoon({ model: "virtio" }));
    dom.devices.add(new Sound({ model: "ich9" }));
    const disk = dom.devices.add(new Disk({ type: "file", device: "disk", sourceFile: "/a.qcow2", targetDev: "vda" }));
    expect(dom.memoryKiB).toBe(524288);
    expect(dom.currentMemoryKiB).toBe(524288);
    expect(dom.devices.all().map((d) => d.statics.modelName)).toEqual(["Disk", "Sound", "Memballoon"]);
    disk.targetBus = "virtio";
    expect(dom.toXml()).toContain("<target dev='vda' bus='virtio'/>");
    expect(dom.devices.remove(disk)).toBe(true);
    expect(dom.devices.remove(disk)).toBe(false);
    expect(dom.devices.disks.length).toBe(0);
  });

  it("os.useUefi toggles secure boot features; cpu topology and vCPU pins are set in one call", () => {
    const dom = Domain.create({ type: "qemu", name: "fw" });
    dom.os.useUefi(true);
    expect([dom.os.firmware, dom.os.secureBoot, dom.os.enrolledKeys]).toEqual(["efi", true, true]);
    dom.os.useUefi(false);
    expect([dom.os.secureBoot, dom.os.enrolledKeys]).toEqual([false, undefined]);
    dom.cpu.setTopology({ sockets: 2, cores: 2, threads: 1 });
    expect([dom.cpu.sockets, dom.cpu.dies, dom.cpu.cores, dom.cpu.threads]).toEqual([2, 1, 2, 1]);
    dom.cputune.pin(0, "2");
    dom.cputune.pin(0, "3");
    expect(dom.cputune.vcpuPins.map((p) => [p.vcpu, p.cpuset])).toEqual([[0, "3"]]);
  });

  it("disks describe their source and can be ejected; graphics listen on one address", () => {
    const dom = Domain.parse(readFixture("domain-full-in.xml"));
    expect(dom.devices.disks.map((d) => d.sourceDescription)).toEqual([
      "/var/lib/libvirt/images/vc-xmltest-full.qcow2",
      "default/vc-xmltest-data.img",
      "nbd:export1",
      "/dev/sdz",
      "/var/lib/libvirt/images/debian-12.iso",
      "/var/lib/libvirt/images/drivers.vfd",
    ]);
    const nbd = dom.devices.disks.at(2)!;
    nbd.clearSource();
    expect(nbd.sourceDescription).toBeUndefined();
    expect(nbd.toXml()).not.toContain("<source");
    const vnc = new Graphics({ type: "vnc", listenType: "network", listenNetwork: "default" });
    vnc.listenOn("::1");
    expect(vnc.toXml()).toBe("<graphics type='vnc' listen='::1'>\n  <listen type='address' address='::1'/>\n</graphics>\n");
    expect(Channel.guestAgent().targetName).toBe("org.qemu.guest_agent.0");
    expect(Channel.spiceAgent().type).toBe("spicevmc");
  });

  it("the snapshot's embedded domain is a full Domain", () => {
    const snapshot = DomainSnapshot.parse(readFixture("snapshot-in.xml"));
    expect(snapshot.parentName).toBe("first");
    expect(snapshot.domain.name).toBe("vc-xmltest-snap");
    expect(snapshot.domain.devices.disks.at(0)!.sourceFile).toBe("/tmp/vcsnap/disk.qcow2");
  });
});

describe("host and network helpers", () => {
  it("Network tells isolated from forwarded and finds its IPv4 and IPv6 blocks", () => {
    expect(Network.parse(readFixture("network-isolated-in.xml")).isolated).toBe(true);
    const lab = Network.parse(readFixture("network-lab-in.xml"));
    expect(lab.isolated).toBe(false);
    expect(lab.ipv4()?.address).toBe("10.10.0.1");
    expect(lab.ipv6()?.address).toBe("fd00:10::1");
  });

  it("DomainCapabilities answers firmware and CPU model questions", () => {
    const caps = DomainCapabilities.parse(readFixture("domcaps-in.xml"));
    expect(caps.supportsUefi).toBe(true);
    expect(caps.supportsSecureBoot).toBe(false);
    expect(caps.usableCpuModels).toEqual(["pentium3", "pentium2", "pentium", "486"]);
    expect(caps.graphicsTypes).toContain("spice");
  });

  it("Capabilities lists guests per architecture and domain type; NodeDevice formats PCI addresses", () => {
    const caps = Capabilities.parse(readFixture("capabilities-in.xml"));
    expect(caps.guestsFor("x86_64", "kvm").map((g) => g.emulator)).toEqual(["/usr/bin/qemu-system-x86_64"]);
    expect(caps.hostCpu.cores).toBe(2);
    expect(NodeDevice.parse(readFixture("nodedev-gpu-in.xml")).pciAddress).toBe("0000:01:00.0");
    expect(NodeDevice.parse(readFixture("nodedev-usb-in.xml")).pciAddress).toBeUndefined();
  });
});
