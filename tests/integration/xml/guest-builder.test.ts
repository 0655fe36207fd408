// The guest builder over OS variants, each result schema-validated, defined in the real libvirtd,
// read back and checked, then undefined. The OS defaults are what osinfo-db says of each variant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { Capabilities, DomainCapabilities, Domain } from "@/lib/xml";
import { buildGuest, GuestBuildError, type GuestChoices, type OsDefaults } from "@/lib/xml/builder/guest-builder";
import { validateXml } from "../../unit/xml/support/validate";

const linux = { virtioDisk: true, virtioNet: true, uefi: "supported", tpmRequired: false, family: "linux" } as const;
// [variant, OS defaults, choices, what the definition must show]
const table: [string, OsDefaults, Partial<GuestChoices>, { machine: RegExp; diskBus: string; nic?: string; firmware?: string; tpm?: boolean; video?: string; clock?: string }][] = [
  ["debian11", { ...linux, memoryMiB: 1024, vcpus: 1, q35: true, video: "virtio" }, { cdrom: "/var/lib/libvirt/images/debian.iso" }, { machine: /q35/, diskBus: "virtio", nic: "virtio", video: "virtio" }],
  ["ubuntu22.04", { ...linux, memoryMiB: 4096, vcpus: 2, q35: true, video: "virtio" }, { graphics: "spice" }, { machine: /q35/, diskBus: "virtio", nic: "virtio", video: "virtio" }],
  ["fedora37 on UEFI", { ...linux, memoryMiB: 2048, vcpus: 1, q35: true, video: "virtio" }, { uefi: true }, { machine: /q35/, diskBus: "virtio", firmware: "efi", video: "virtio" }],
  ["rhel9.1 network install", { ...linux, memoryMiB: 1536, vcpus: 1, q35: true, video: "virtio" }, { kernel: { kernel: "/var/lib/libvirt/boot/vmlinuz", initrd: "/var/lib/libvirt/boot/initrd.img", cmdline: "inst.repo=http://mirror/rhel9" } }, { machine: /q35/, diskBus: "virtio", video: "virtio" }],
  ["alpinelinux3.16 PXE", { ...linux, memoryMiB: 768, vcpus: 1, q35: true, video: "vga" }, { pxe: true }, { machine: /q35/, diskBus: "virtio", video: "vga" }],
  ["centos7 (no q35)", { ...linux, memoryMiB: 1024, vcpus: 1, q35: false, video: "vga" }, {}, { machine: /pc/, diskBus: "virtio", nic: "virtio" }],
  ["win11", { memoryMiB: 4096, vcpus: 2, virtioDisk: false, virtioNet: false, q35: true, uefi: "required", tpmRequired: true, video: "vga", family: "winnt" }, { cdrom: "/var/lib/libvirt/images/win11.iso" }, { machine: /q35/, diskBus: "sata", nic: "e1000e", firmware: "efi", tpm: true, clock: "localtime" }],
  ["win10", { memoryMiB: 2048, vcpus: 1, virtioDisk: false, virtioNet: false, q35: true, uefi: "unsupported", tpmRequired: false, video: "vga", family: "winnt" }, { graphics: "spice" }, { machine: /q35/, diskBus: "sata", nic: "e1000e", video: "qxl", clock: "localtime" }],
  ["win7 (no q35)", { memoryMiB: 1024, vcpus: 1, virtioDisk: false, virtioNet: false, q35: false, uefi: "unsupported", tpmRequired: false, video: "vga", family: "winnt" }, {}, { machine: /pc/, diskBus: "ide", nic: "e1000", clock: "localtime" }],
  ["freebsd13", { memoryMiB: 1024, vcpus: 1, virtioDisk: true, virtioNet: true, q35: true, uefi: "supported", tpmRequired: false, video: "vga", family: "freebsd" }, { network: { type: "none" } }, { machine: /q35/, diskBus: "virtio" }],
  ["generic headless", { memoryMiB: 512, vcpus: 1, virtioDisk: true, virtioNet: true, q35: true, uefi: "unsupported", tpmRequired: false, video: "vga" }, { graphics: "none" }, { machine: /q35/, diskBus: "virtio" }],
];

let lv: Libvirt;
let caps: Capabilities;
let domcaps: DomainCapabilities;
const defined: string[] = [];

beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  caps = Capabilities.parse(await lv.host.capabilities());
  const virttype = caps.guestsFor("x86_64", "kvm").length ? "kvm" : "qemu";
  domcaps = DomainCapabilities.parse(await lv.host.domainCapabilities({ arch: "x86_64", machine: "q35", virttype }));
});

afterAll(async () => {
  for (const name of defined) {
    const dom = await lv.domains.lookupByName(name).catch(() => null);
    if (dom) await lv.domains.undefine(dom, 4 /* NVRAM */ | 32 /* TPM */).catch(() => undefined);
  }
  await lv.close();
});

describe("guest builder", () => {
  it.each(table)("%s: valid, defined by libvirt, with the expected defaults", async (variant, os, choices, expected) => {
    const name = `vc-builder-${variant.replace(/[^a-z0-9]+/gi, "-")}-${process.pid}`;
    const built = buildGuest(os, caps, domcaps, { name, disks: [{ path: `/var/lib/libvirt/images/${name}.qcow2` }], ...choices });
    const xml = built.toXml();
    const validation = validateXml(xml);
    expect(validation.valid, validation.output).toBe(true);

    const ref = await lv.domains.define(xml);
    defined.push(name);
    const back = Domain.parse(await lv.domains.xml(ref, 2));
    expect(back.os.machine).toMatch(expected.machine);
    expect(back.memoryKiB).toBe(os.memoryMiB * 1024);
    expect(back.devices.disks.find((d) => d.device === "disk")?.targetBus).toBe(expected.diskBus);
    expect(back.devices.interfaces.at(0)?.model).toBe(choices.network?.type === "none" ? undefined : (expected.nic ?? "virtio"));
    if (expected.firmware) expect(back.os.firmware).toBe(expected.firmware);
    expect(back.devices.tpms.length > 0).toBe(Boolean(expected.tpm));
    if (choices.graphics !== "none") {
      expect(back.devices.graphics.at(0)?.listenAddress ?? back.devices.graphics.at(0)?.listen).toBe("127.0.0.1");
      expect(back.devices.graphics.at(0)?.autoport).toBe(true);
      expect(back.devices.videos.at(0)?.model).toBe(expected.video ?? "vga");
      expect(back.devices.inputs.find((i) => i.type === "tablet")?.bus).toBe("usb");
    } else {
      expect(back.devices.graphics.length).toBe(0);
    }
    expect(back.devices.channels.find((c) => c.targetName === "org.qemu.guest_agent.0")).toBeDefined();
    expect(back.devices.memballoons.at(0)?.model).toBe("virtio");
    expect(back.devices.rngs.at(0)?.model).toBe("virtio");
    expect(back.clock.offset).toBe(expected.clock ?? "utc");
    if (choices.pxe) expect(back.devices.interfaces.at(0)?.bootOrder).toBe(1);
    if (choices.cdrom) expect(back.devices.disks.find((d) => d.device === "cdrom")?.bootOrder).toBe(1);
    if (choices.kernel) expect(back.os.kernel).toBe(choices.kernel.kernel);
  });

  it("says what is missing when the host cannot give the OS what it needs", () => {
    const win11 = table.find(([v]) => v === "win11")![1];
    const noTpm = DomainCapabilities.parse(domcaps.toXml());
    // A host without swtpm offers no emulator backend.
    const stripped = DomainCapabilities.parse(noTpm.toXml().replace(/<value>emulator<\/value>/g, ""));
    expect(() => buildGuest(win11, caps, stripped, { name: "x", disks: [] })).toThrow(GuestBuildError);
    expect(() => buildGuest(win11, caps, stripped, { name: "x", disks: [] })).toThrow(/install swtpm/);
    expect(() => buildGuest(win11, caps, domcaps, { name: "x", disks: [], arch: "s390x" })).toThrow(/cannot run s390x guests/);
  });
});
