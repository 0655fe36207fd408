// The guest builder over OS variants, each result schema-validated, defined in the real libvirtd,
// read back and checked, then undefined. The OS defaults are what osinfo-db says of each variant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainUndefineFlagsValues, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { flagSet } from "@/lib/libvirt/flag-set";
import { Capabilities, DomainCapabilities, Domain } from "@/lib/xml";
import { guestProfile, loadOsinfoDb, type OsinfoDb } from "@/lib/osinfo";
import { buildGuest, GuestBuildError, type GuestChoices } from "@/lib/xml/builder/guest-builder";
import { validateXml } from "../../unit/xml/support/validate";

// [osinfo short id, the operator's choices, what the definition must show for that OS]
const table: [
  string,
  Partial<GuestChoices>,
  { machine: RegExp; diskBus: string; nic?: string; firmware?: string; tpm?: boolean; video?: string; clock?: string },
][] = [
  ["debian11", { cdrom: "/var/lib/libvirt/images/debian.iso" }, { machine: /q35/, diskBus: "virtio", nic: "virtio" }],
  ["ubuntu22.04", { graphics: "spice" }, { machine: /q35/, diskBus: "virtio", nic: "virtio" }],
  ["fedora37", { uefi: true }, { machine: /q35/, diskBus: "virtio", firmware: "efi" }],
  [
    "rhel9.1",
    {
      kernel: {
        kernel: "/var/lib/libvirt/boot/vmlinuz",
        initrd: "/var/lib/libvirt/boot/initrd.img",
        cmdline: "inst.repo=http://mirror/rhel9",
      },
    },
    { machine: /q35/, diskBus: "virtio" },
  ],
  ["alpinelinux3.16", { pxe: true }, { machine: /q35/, diskBus: "virtio" }],
  // osinfo-db 20221130 lists no devices for CentOS 7.0, so it gets what every x86 OS can drive.
  ["centos7.0", {}, { machine: /^pc/, diskBus: "ide", nic: "e1000" }],
  [
    "win11",
    { cdrom: "/var/lib/libvirt/images/win11.iso" },
    { machine: /q35/, diskBus: "sata", nic: "e1000e", firmware: "efi", tpm: true, clock: "localtime" },
  ],
  ["win10", { graphics: "spice" }, { machine: /q35/, diskBus: "sata", nic: "e1000e", video: "qxl", clock: "localtime" }],
  ["win7", {}, { machine: /q35/, diskBus: "sata", nic: "e1000e", clock: "localtime" }],
  ["freebsd13.1", { network: { type: "none" } }, { machine: /q35|pc/, diskBus: "virtio" }],
  ["opensuse15.4", { graphics: "none" }, { machine: /q35/, diskBus: "virtio" }],
];

let osinfo: OsinfoDb;
let lv: Libvirt;
let caps: Capabilities;
let domcaps: DomainCapabilities;
const defined: string[] = [];

beforeAll(async () => {
  osinfo = await loadOsinfoDb();
  lv = await Libvirt.open("qemu:///system");
  caps = Capabilities.parse(await lv.host.capabilities());
  const virttype = caps.guestsFor("x86_64", "kvm").length ? "kvm" : "qemu";
  domcaps = DomainCapabilities.parse(await lv.host.domainCapabilities({ arch: "x86_64", machine: "q35", virttype }));
});

afterAll(async () => {
  for (const name of defined) {
    const dom = await lv.domains.lookupByName(name).catch(() => null);
    if (dom)
      await lv.domains
        .undefine(
          dom,
          flagSet(VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_TPM),
        )
        .catch(() => undefined);
  }
  await lv.close();
});

describe("guest builder", () => {
  it.each(table)("%s: valid, defined by libvirt, with the expected defaults", async (shortId, choices, expected) => {
    const entry = osinfo.get(shortId);
    if (!entry) throw new Error(`osinfo-db has no ${shortId}`);
    const os = guestProfile(entry);
    const name = `vc-builder-${shortId.replace(/[^a-z0-9]+/gi, "-")}-${process.pid}`;
    const built = buildGuest(os, caps, domcaps, { name, disks: [{ path: `/var/lib/libvirt/images/${name}.qcow2` }], ...choices });
    const xml = built.toXml();
    const validation = validateXml(xml);
    expect(validation.valid, validation.output).toBe(true);

    const ref = await lv.domains.define(xml);
    defined.push(name);
    const back = Domain.parse(await lv.domains.xml(ref, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    expect(back.os.machine).toMatch(expected.machine);
    expect(back.memoryKiB).toBe(os.memoryMiB * 1024);
    expect(back.devices.disks.find((d) => d.device === "disk")?.targetBus).toBe(expected.diskBus);
    expect(back.devices.interfaces.at(0)?.model).toBe(choices.network?.type === "none" ? undefined : (expected.nic ?? "virtio"));
    if (expected.firmware) expect(back.os.firmware).toBe(expected.firmware);
    expect(back.devices.tpms.length > 0).toBe(Boolean(expected.tpm));
    if (choices.graphics !== "none") {
      expect(back.devices.graphics.at(0)?.listenAddress ?? back.devices.graphics.at(0)?.listen).toBe("127.0.0.1");
      expect(back.devices.graphics.at(0)?.autoport).toBe(true);
      expect(back.devices.videos.at(0)?.model).toBe(
        expected.video ?? (os.video === "virtio" ? "virtio" : os.video === "qxl" || choices.graphics === "spice" ? "qxl" : "vga"),
      );
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
    const win11 = guestProfile(osinfo.get("win11")!);
    const noTpm = DomainCapabilities.parse(domcaps.toXml());
    // A host without swtpm offers no emulator backend.
    const stripped = DomainCapabilities.parse(noTpm.toXml().replace(/<value>emulator<\/value>/g, ""));
    expect(() => buildGuest(win11, caps, stripped, { name: "x", disks: [] })).toThrow(GuestBuildError);
    // Said by key; the server words it in the requester's language.
    expect(() => buildGuest(win11, caps, stripped, { name: "x", disks: [] })).toThrow(expect.objectContaining({ key: "needsTpmHost" }));
    expect(() => buildGuest(win11, caps, domcaps, { name: "x", disks: [], arch: "s390x" })).toThrow(
      expect.objectContaining({ key: "hostCannotRun", values: { arch: "s390x" } }),
    );
  });
});
