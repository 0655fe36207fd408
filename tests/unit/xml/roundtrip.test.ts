import { describe, expect, it } from "vitest";
import { Disk, Domain, Network, parseAnyXml, rootModels, snapshotModel } from "@/lib/xml";
import { inputFixtures, outputFixtures, readFixture } from "./support/fixtures";
import { validateXml } from "./support/validate";

describe("round trip without loss", () => {
  for (const file of [...inputFixtures(), ...outputFixtures()]) {
    it(`${file}: parse → toXml gives the same bytes, and parsing again gives the same values`, () => {
      const source = readFixture(file);
      const first = parseAnyXml(source);
      const written = first.toXml();
      expect(written).toBe(source);
      const second = parseAnyXml(written);
      expect(snapshotModel(second)).toEqual(snapshotModel(first));
    });
  }

  it("covers every top-level model with at least one fixture", () => {
    const roots = new Set([...inputFixtures(), ...outputFixtures()].map((f) => parseAnyXml(readFixture(f)).statics.modelName));
    expect([...roots].sort()).toEqual(rootModels.map((m) => m.modelName).sort());
  });
});

const UNKNOWN_DOMAIN = `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>keep</name>
  <memory unit='KiB'>1024</memory>
  <iothreads>2</iothreads>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <acpi>
      <table type='slic'>/path/slic.dat</table>
    </acpi>
  </os>
  <devices>
    <disk type='file' device='disk' model='virtio-transitional'>
      <driver name='qemu' type='raw' iothread='1'/>
      <source file='/a.img'>
        <seclabel model='dac' relabel='no'/>
      </source>
      <target dev='vda' bus='virtio'/>
      <iotune>
        <total_bytes_sec>1000</total_bytes_sec>
      </iotune>
    </disk>
    <audio id='1' type='none'/>
  </devices>
  <qemu:commandline>
    <qemu:arg value='-S'/>
  </qemu:commandline>
</domain>`;

describe("unmodelled XML survives edits", () => {
  it("keeps unknown elements, attributes and namespaced content around edited fields", () => {
    const dom = Domain.parse(UNKNOWN_DOMAIN);
    dom.name = "kept";
    dom.os.machine = "pc";
    const disk = dom.devices.disks.at(0)!;
    disk.sourceFile = "/b.img";
    disk.driverCache = "none";
    dom.devices.add(new Disk({ type: "file", device: "cdrom", targetDev: "sda", targetBus: "sata", readonly: true }));
    const xml = dom.toXml();
    for (const kept of [
      "<iothreads>2</iothreads>",
      "<table type='slic'>/path/slic.dat</table>",
      "model='virtio-transitional'",
      "iothread='1'",
      "<seclabel model='dac' relabel='no'/>",
      "<total_bytes_sec>1000</total_bytes_sec>",
      "<audio id='1' type='none'/>",
      "<qemu:arg value='-S'/>",
      "xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'",
    ]) {
      expect(xml).toContain(kept);
    }
    expect(xml).toContain("<source file='/b.img'>");
    expect(validateXml(xml).valid, validateXml(xml).output).toBe(true);
    expect(xml).toContain("<driver name='qemu' type='raw' iothread='1' cache='none'/>");
  });

  it("keeps unknown content inside a network through an edit of its IP block", () => {
    const xml = `<network>\n  <name>n</name>\n  <portgroup name='eng' default='yes'/>\n  <ip address='10.0.0.1' prefix='24'>\n    <dhcp>\n      <range start='10.0.0.2' end='10.0.0.9'>\n        <lease expiry='1' unit='hours'/>\n      </range>\n    </dhcp>\n  </ip>\n</network>`;
    const net = Network.parse(xml);
    net.ips.at(0)!.dhcpRanges.at(0)!.end = "10.0.0.99";
    expect(net.toXml()).toBe(`${xml.replace("10.0.0.9'", "10.0.0.99'")}\n`);
    expect(validateXml(net.toXml()).valid, validateXml(net.toXml()).output).toBe(true);
  });
});
