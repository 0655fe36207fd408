import { describe, expect, it } from "vitest";
import { cloneDomainXml } from "@/lib/guests/clone-xml";
import { proposeCloneName, proposeCopyNames, proposeVolumeName } from "@/lib/guests/clone-plan";
import { Domain } from "@/lib/xml";
import { expectGolden, readFixture } from "../xml/support/fixtures";
import { validateXml } from "../xml/support/validate";

describe("the clone's definition (UPDATE_GOLDEN=1 rewrites clone-uefi-out.xml)", () => {
  const original = readFixture("clone-uefi-in.xml");
  const produce = () =>
    cloneDomainXml(original, {
      name: "vc-clonetest-clone",
      disks: [
        { target: "sda", path: "/var/lib/libvirt/images/vc-clonetest-clone.qcow2" },
        { target: "sdb", path: "/var/lib/libvirt/images/vc-clonetest-clone-data.img" },
        { target: "sdc", share: true },
        { target: "sdd", share: true },
      ],
      nvramPath: "/var/lib/libvirt/qemu/nvram/vc-clonetest-clone_VARS.fd",
    });

  it("drops UUID, MACs, SMBIOS UUID and NIC names, points copies at their files and shares the rest read-only", () => {
    const xml = produce();
    expectGolden("clone-uefi", xml);
    const result = validateXml(xml);
    expect(result.valid, result.output).toBe(true);
    const clone = Domain.parse(xml);
    expect(clone.uuid).toBeUndefined();
    expect(clone.devices.interfaces.map((n) => n.mac)).toEqual([undefined, undefined]);
    expect(clone.devices.interfaces.map((n) => n.targetDev)).toEqual([undefined, undefined]);
    expect(xml).not.toContain("1f0e7a2c-3b55-4c1e-9d7e-2a6b7c8d9e01");
    expect(xml).toContain("<entry name='manufacturer'>Example</entry>");
    const disks = clone.devices.disks;
    expect(disks.map((d) => [d.targetDev, d.type, d.sourceFile, d.sourcePool, d.readonly])).toEqual([
      ["sda", "file", "/var/lib/libvirt/images/vc-clonetest-clone.qcow2", undefined, false],
      ["sdb", "file", "/var/lib/libvirt/images/vc-clonetest-clone-data.img", undefined, false],
      ["sdc", "file", "/var/lib/libvirt/images/shared-scratch.img", undefined, true],
      ["sdd", "file", "/var/lib/libvirt/images/installer.iso", undefined, true],
    ]);
    expect(clone.os.nvram).toBe("/var/lib/libvirt/qemu/nvram/vc-clonetest-clone_VARS.fd");
  });

  it("leaves the NVRAM out when there was none to copy, so libvirt makes fresh variables", () => {
    const xml = cloneDomainXml(original, { name: "c2", disks: [] });
    expect(Domain.parse(xml).os.nvram).toBeUndefined();
    expect(Domain.parse(xml).os.firmware).toBe("efi");
  });

  it("copies onto a block volume as a block disk", () => {
    const xml = cloneDomainXml(original, { name: "c3", disks: [{ target: "sda", path: "/dev/vg0/c3", block: true }] });
    const disk = Domain.parse(xml).devices.disks.find((d) => d.targetDev === "sda")!;
    expect([disk.type, disk.sourceDev, disk.sourceFile]).toEqual(["block", "/dev/vg0/c3", undefined]);
  });

  it("refuses a disk the guest does not have", () => {
    expect(() => cloneDomainXml(original, { name: "c4", disks: [{ target: "vdz", share: true }] })).toThrow(/no disk vdz/);
  });
});

describe("clone names", () => {
  it("proposes the first free '-clone' name", () => {
    expect(proposeCloneName("web1", new Set())).toBe("web1-clone");
    expect(proposeCloneName("web1", new Set(["web1-clone", "web1-clone-2"]))).toBe("web1-clone-3");
    expect(proposeCloneName("x".repeat(64), new Set()).length).toBeLessThanOrEqual(64);
  });

  it("derives volume names from the guest's name, keeping the extension", () => {
    expect(proposeVolumeName("web1.qcow2", "web1", "web2")).toBe("web2.qcow2");
    expect(proposeVolumeName("disk-a.img", "web1", "web2")).toBe("web2.img");
    expect(proposeVolumeName("web1.qcow2", "web1", "web2", new Set(["web2.qcow2"]))).toBe("web2-2.qcow2");
  });

  it("never proposes one name twice in a pool", () => {
    const disks = [
      { pool: "default", volume: "web1.qcow2" },
      { pool: "default", volume: "data.qcow2" },
      { pool: "other", volume: "x.qcow2" },
      { pool: null, volume: null },
    ];
    expect(proposeCopyNames(disks, "web1", "web2")).toEqual(["web2.qcow2", "web2-2.qcow2", "web2.qcow2", null]);
  });
});
