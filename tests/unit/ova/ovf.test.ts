// Reading an OVF into the guest the wizard builds: VMware's and VirtualBox's ways of saying CPUs, memory
// (with their units), disks, NICs, firmware and OS; what cannot be carried over is listed; broken
// descriptors and manifests are refused with the reason.
import { describe, expect, it } from "vitest";
import { OvaProblem } from "@/lib/ova/problems";
import { readManifest, readOvf, unitBytes } from "@/lib/ova/ovf";
import { guestNameFrom } from "@/lib/ova/summary";
import { ovfOf } from "../../helpers/ova";

const problemOf = (fn: () => unknown): OvaProblem => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(OvaProblem);
    return err as OvaProblem;
  }
  throw new Error("not refused");
};

describe("unitBytes", () => {
  it("reads DMTF programmatic units and the names VirtualBox writes", () => {
    expect(unitBytes("byte * 2^20", 1)).toBe(2 ** 20);
    expect(unitBytes("byte*2^30", 1)).toBe(2 ** 30);
    expect(unitBytes("byte * 1024^2", 1)).toBe(2 ** 20);
    expect(unitBytes("byte", 7)).toBe(1);
    expect(unitBytes("MegaBytes", 1)).toBe(2 ** 20);
    expect(unitBytes("GB", 1)).toBe(2 ** 30);
    expect(unitBytes(undefined, 2 ** 20)).toBe(2 ** 20);
    expect(problemOf(() => unitBytes("furlongs", 1)).key).toBe("ovaNotOvf");
  });
});

describe("readOvf", () => {
  it("maps a VMware appliance: CPUs, memory, disks with capacity, NICs with model hints, EFI, OS", () => {
    const guest = readOvf(
      ovfOf({
        name: "web server",
        vcpus: 4,
        memoryMiB: 2048,
        disks: [
          { file: "a.vmdk", capacityMiB: 10240 },
          { file: "b.vmdk", capacityMiB: 512 },
        ],
        nics: ["VmxNet3", "E1000"],
        firmware: "efi",
        osType: "ubuntu64Guest",
      }),
    );
    expect(guest).toMatchObject({
      name: "web server",
      vcpus: 4,
      memoryMiB: 2048,
      firmware: "uefi",
      os: "linux2022",
      disks: [
        { file: "a.vmdk", capacityBytes: 10240 * 2 ** 20 },
        { file: "b.vmdk", capacityBytes: 512 * 2 ** 20 },
      ],
      nics: [{ model: "virtio" }, { model: "e1000e" }],
    });
  });

  it("lists what it cannot carry over: sound, USB, serial ports, unknown items and VMware's extra settings", () => {
    const guest = readOvf(
      ovfOf({
        extraItems: `      <Item><rasd:ElementName>Floppy</rasd:ElementName><rasd:InstanceID>20</rasd:InstanceID><rasd:ResourceType>14</rasd:ResourceType></Item>
      <Item><rasd:ElementName>Weird thing</rasd:ElementName><rasd:InstanceID>21</rasd:InstanceID><rasd:ResourceType>999</rasd:ResourceType></Item>
      <Item><rasd:ElementName>Empty disk</rasd:ElementName><rasd:InstanceID>22</rasd:InstanceID><rasd:HostResource>ovf:/disk/nowhere</rasd:HostResource><rasd:ResourceType>17</rasd:ResourceType></Item>`,
      }),
    );
    expect(guest.unmapped).toEqual([
      { kind: "usb", detail: "USB controller" },
      { kind: "sound", detail: "Sound card" },
      { kind: "serial", detail: "Serial port 1" },
      { kind: "floppy", detail: "Floppy" },
      { kind: "device", detail: "Weird thing" },
      { kind: "emptyDisk", detail: "Empty disk" },
      { kind: "setting", detail: "svga.present = TRUE" },
    ]);
    // Controllers, CPU, memory, disks and NICs are mapped, so not listed.
    expect(guest.unmapped.map((u) => u.detail)).not.toContain("SCSI controller 0");
  });

  it("maps Windows guest ids to osinfo's and lists an OS it does not know", () => {
    expect(readOvf(ovfOf({ osType: "windows9_64Guest" })).os).toBe("win10");
    expect(readOvf(ovfOf({ osType: "windows2019srv_64Guest" })).os).toBe("win2k19");
    const unknown = readOvf(ovfOf({ osType: "solaris11_64Guest" }).replace('ovf:id="94"', 'ovf:id="42"'));
    expect(unknown.os).toBeNull();
    expect(unknown.unmapped).toContainEqual({ kind: "os", detail: "Ubuntu Linux (64-bit)" });
  });

  it("reads a VirtualBox appliance: default namespace prefixes, MegaBytes, GB disks, EFI in its own section", () => {
    const xml = `<?xml version="1.0"?>
<Envelope ovf:version="1.0" xml:lang="en-US" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
  xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vbox="http://www.virtualbox.org/ovf/machine">
  <References><File ovf:id="file1" ovf:href="vbox-disk001.vmdk"/></References>
  <DiskSection><Info/><Disk ovf:capacity="8" ovf:capacityAllocationUnits="GB" ovf:diskId="vmdisk1" ovf:fileRef="file1"/></DiskSection>
  <VirtualSystem ovf:id="vbox guest">
    <OperatingSystemSection ovf:id="96"><Info/><Description>Debian_64</Description></OperatingSystemSection>
    <VirtualHardwareSection>
      <Item><rasd:Caption>1 virtual CPU</rasd:Caption><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>
      <Item><rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>1536</rasd:VirtualQuantity></Item>
      <Item><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceSubType>AHCI</rasd:ResourceSubType><rasd:ResourceType>20</rasd:ResourceType></Item>
      <Item><rasd:HostResource>/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>4</rasd:InstanceID><rasd:ResourceType>17</rasd:ResourceType></Item>
      <Item><rasd:InstanceID>5</rasd:InstanceID><rasd:ResourceSubType>E1000</rasd:ResourceSubType><rasd:ResourceType>10</rasd:ResourceType></Item>
      <Item><rasd:Caption>sound</rasd:Caption><rasd:InstanceID>6</rasd:InstanceID><rasd:ResourceSubType>ensoniq1371</rasd:ResourceSubType><rasd:ResourceType>35</rasd:ResourceType></Item>
    </VirtualHardwareSection>
    <vbox:Machine><Hardware><Firmware type="EFI"/></Hardware></vbox:Machine>
  </VirtualSystem>
</Envelope>`;
    // VirtualBox writes HostResource as /disk/…, without the ovf: scheme.
    const guest = readOvf(xml);
    expect(guest).toMatchObject({
      name: "vbox guest",
      vcpus: 1,
      memoryMiB: 1536,
      firmware: "uefi",
      os: "linux2022",
      disks: [{ file: "vbox-disk001.vmdk", capacityBytes: 8 * 2 ** 30 }],
      nics: [{ model: "e1000e" }],
      unmapped: [{ kind: "sound", detail: "sound" }],
    });
  });

  it("refuses text that is not XML, XML that is no OVF, and several virtual machines", () => {
    expect(problemOf(() => readOvf("this is not <xml")).key).toBe("ovaNotXml");
    expect(problemOf(() => readOvf("<domain type='kvm'/>")).key).toBe("ovaNotOvf");
    expect(problemOf(() => readOvf("<Envelope xmlns='http://schemas.dmtf.org/ovf/envelope/1'/>")).key).toBe("ovaNotOvf");
    expect(
      problemOf(() => readOvf("<Envelope xmlns='http://schemas.dmtf.org/ovf/envelope/1'><VirtualSystemCollection/></Envelope>")).key,
    ).toBe("ovaSeveralSystems");
    // A quantity that is no number is refused by the schema, not read as NaN.
    const bad = ovfOf({ vcpus: 2 }).replace(
      "<rasd:VirtualQuantity>2</rasd:VirtualQuantity>",
      "<rasd:VirtualQuantity>two</rasd:VirtualQuantity>",
    );
    expect(problemOf(() => readOvf(bad)).key).toBe("ovaNotOvf");
  });
});

describe("readManifest", () => {
  it("reads SHA1 and SHA256 lines and refuses anything else", () => {
    expect(readManifest("SHA1(a.ovf)= ABCDEF01\r\nSHA256(disk 1.vmdk)=00ff\n")).toEqual([
      { algorithm: "sha1", file: "a.ovf", digest: "abcdef01" },
      { algorithm: "sha256", file: "disk 1.vmdk", digest: "00ff" },
    ]);
    expect(problemOf(() => readManifest("MD5(a.ovf)= 00")).key).toBe("ovaBadManifest");
  });
});

describe("guestNameFrom", () => {
  it("makes a name the console takes from the appliance's", () => {
    expect(guestNameFrom("web server (prod)")).toBe("web-server-prod");
    expect(guestNameFrom("..")).toBe("appliance");
  });
});
