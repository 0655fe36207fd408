// Every form-built device family against the real libvirtd: create() a device on a shut-off guest,
// define it with validation, read the inactive XML back and check the device reads as the values it
// was made from; then remove it and define again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceFamily, DeviceValues } from "@/lib/guests/hardware/types";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainDefineFlags, VirDomainUndefineFlagsValues, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { flagSet } from "@/lib/libvirt/flag-set";
import { deviceCodecs } from "@/lib/server/guests/hardware/families";
import type { DeviceCodec } from "@/lib/server/guests/hardware/codec";
import { inEnglish } from "@/lib/server/guests/hardware/device-english";
import { deviceFamilyInputs } from "@/lib/validations/hardware";
import { Domain } from "@/lib/xml";
import { ensureTestGuestImage, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";

const { VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_SECURE } = VirDomainXMLFlags;
const { VIR_DOMAIN_DEFINE_VALIDATE } = VirDomainDefineFlags;

interface Case {
  family: DeviceFamily;
  what: string;
  values: DeviceValues;
  /** What libvirt fills in or the codec hides (a generated MAC, a password): checks it, returns the expected values. */
  readBack?: (back: DeviceValues, input: DeviceValues) => DeviceValues;
  /** Then edited to these values (same readBack), defined and read back again. */
  editTo?: DeviceValues;
  /** libvirt refuses this device on this guest, with a message that matches. */
  refused?: RegExp;
}

const chr = { path: "", mode: "bind", host: "", service: null };
const nic = {
  network: "",
  bridge: "",
  device: "",
  directMode: "bridge",
  model: "virtio",
  mac: "",
  linkState: "up",
  inboundAverage: null,
  inboundPeak: null,
  inboundBurst: null,
  outboundAverage: null,
  outboundPeak: null,
  outboundBurst: null,
};
const display = {
  listen: "address",
  address: "127.0.0.1",
  customAddress: "",
  portMode: "auto",
  port: null,
  passwordMode: "none",
  password: "",
  keymap: "",
  imageCompression: "",
};
const channel = { ...chr, targetType: "virtio", name: "org.qemu.guest_agent.0", customName: "", fwdAddress: "", fwdPort: null };

const generatedMac = (back: DeviceValues, input: DeviceValues): DeviceValues => {
  expect(back.mac).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
  return { ...input, mac: back.mac };
};

const cases: Case[] = [
  {
    family: "interface",
    what: "virtual network, libvirt-made MAC, limits",
    values: {
      ...nic,
      source: "network",
      network: "default",
      inboundAverage: 1000,
      inboundPeak: 2000,
      outboundAverage: 500,
      outboundBurst: 64,
    },
    readBack: generatedMac,
    editTo: { ...nic, source: "bridge", bridge: "virbr0", linkState: "down", outboundAverage: 100 },
  },
  {
    family: "interface",
    what: "bridge, fixed MAC, link down",
    values: { ...nic, source: "bridge", bridge: "virbr0", model: "e1000e", mac: "52:54:00:12:34:56", linkState: "down" },
  },
  {
    family: "interface",
    what: "macvtap in VEPA mode",
    values: { ...nic, source: "direct", device: "eth0", directMode: "vepa", model: "rtl8139" },
    readBack: generatedMac,
  },
  { family: "interface", what: "usermode networking", values: { ...nic, source: "user", model: "e1000" }, readBack: generatedMac },
  {
    family: "graphics",
    what: "SPICE on all interfaces, fixed port, password, keymap, compression",
    values: {
      ...display,
      type: "spice",
      address: "0.0.0.0",
      portMode: "fixed",
      port: 5977,
      passwordMode: "set",
      password: "pw-spice",
      keymap: "de-ch",
      imageCompression: "quic",
    },
    // The password stays on the server: the form only learns that there is one.
    readBack: (_back, input) => ({ ...input, passwordMode: "keep", password: "" }),
    editTo: { ...display, type: "spice", passwordMode: "keep" },
  },
  {
    family: "video",
    what: "virtio with two heads",
    values: { model: "virtio", heads: 2, vramKiB: null, accel3d: false },
    editTo: { model: "qxl", heads: 1, vramKiB: 32768, accel3d: false },
  },
  { family: "video", what: "QXL with 32 MiB VRAM", values: { model: "qxl", heads: 1, vramKiB: 32768, accel3d: false } },
  { family: "sound", what: "HDA (ICH9)", values: { model: "ich9" }, editTo: { model: "ac97" } },
  { family: "sound", what: "AC97", values: { model: "ac97" } },
  { family: "input", what: "USB tablet", values: { type: "tablet", bus: "usb" }, editTo: { type: "tablet", bus: "virtio" } },
  { family: "input", what: "virtio keyboard", values: { type: "keyboard", bus: "virtio" } },
  {
    family: "serial",
    what: "TCP server",
    values: { ...chr, type: "tcp", host: "127.0.0.1", service: 4556, targetType: "isa-serial" },
    editTo: { ...chr, type: "unix", mode: "connect", path: "/run/vc-hw-serial.sock", targetType: "pci-serial" },
  },
  { family: "serial", what: "UDP to a host", values: { ...chr, type: "udp", host: "127.0.0.1", service: 4557, targetType: "isa-serial" } },
  {
    family: "serial",
    what: "file on a PCI serial card",
    values: { ...chr, type: "file", path: "/var/log/libvirt/qemu/vc-hw-serial.log", targetType: "pci-serial" },
  },
  {
    family: "parallel",
    what: "to a file",
    values: { ...chr, type: "file", path: "/var/log/libvirt/qemu/vc-hw-lpt.log" },
    editTo: { ...chr, type: "pty" },
  },
  {
    family: "console",
    what: "virtio console on a pty",
    values: { ...chr, type: "pty", targetType: "virtio" },
    editTo: { ...chr, type: "tcp", host: "127.0.0.1", service: 4558, targetType: "virtio" },
  },
  {
    family: "channel",
    what: "QEMU guest agent",
    values: { ...channel, type: "unix" },
    editTo: { ...channel, type: "unix", name: "custom", customName: "org.example.renamed.0" },
  },
  {
    family: "channel",
    what: "custom name on a UNIX client socket",
    values: { ...channel, type: "unix", mode: "connect", path: "/run/vc-hw-agent.sock", name: "custom", customName: "org.example.agent.0" },
  },
  {
    family: "channel",
    what: "SPICE agent without a SPICE display",
    values: { ...channel, type: "spicevmc", name: "com.redhat.spice.0" },
    refused: /spice graphics/,
  },
  {
    family: "channel",
    what: "guestfwd to a TCP service",
    values: {
      ...channel,
      type: "tcp",
      mode: "connect",
      host: "127.0.0.1",
      service: 4600,
      targetType: "guestfwd",
      fwdAddress: "10.0.2.100",
      fwdPort: 4600,
    },
  },
  {
    family: "serial",
    what: "UNIX server socket on USB",
    values: { ...chr, type: "unix", path: "/run/vc-hw-serial.sock", targetType: "usb-serial" },
  },
  { family: "parallel", what: "pty", values: { ...chr, type: "pty" } },
  {
    family: "console",
    what: "virtio console to a file",
    values: { ...chr, type: "file", path: "/var/log/libvirt/qemu/vc-hw-hvc.log", targetType: "virtio" },
  },
  { family: "graphics", what: "SPICE with no network listener", values: { ...display, type: "spice", listen: "none" } },
  {
    family: "video",
    what: "virtio with 3D acceleration (libvirt makes it one head)",
    values: { model: "virtio", heads: null, vramKiB: null, accel3d: true },
    readBack: (_b, input) => ({ ...input, heads: 1 }),
  },
  {
    family: "video",
    what: "bochs as a second adapter",
    values: { model: "bochs", heads: null, vramKiB: null, accel3d: false },
    refused: /only valid as primary/,
  },
  { family: "sound", what: "USB audio", values: { model: "usb" } },
  { family: "input", what: "USB mouse", values: { type: "mouse", bus: "usb" } },
  {
    family: "tpm",
    what: "emulated TPM 1.2 (TIS)",
    values: { model: "tpm-tis", backend: "emulator", version: "1.2", devicePath: "/dev/tpm0" },
  },
  {
    family: "rng",
    what: "/dev/random with a byte limit only",
    values: { backend: "random", path: "/dev/random", rateBytes: 4096, ratePeriodMs: null },
  },
  {
    family: "tpm",
    what: "emulated TPM 2.0 (CRB)",
    values: { model: "tpm-crb", backend: "emulator", version: "2.0", devicePath: "/dev/tpm0" },
    editTo: { model: "tpm-tis", backend: "passthrough", version: "2.0", devicePath: "/dev/tpmrm0" },
  },
  {
    family: "tpm",
    what: "host TPM over TIS",
    values: { model: "tpm-tis", backend: "passthrough", version: "2.0", devicePath: "/dev/tpm0" },
  },
  {
    family: "rng",
    what: "/dev/urandom at 1 KiB per second",
    values: { backend: "random", path: "/dev/urandom", rateBytes: 1024, ratePeriodMs: 1000 },
    editTo: { backend: "builtin", path: "/dev/urandom", rateBytes: null, ratePeriodMs: null },
  },
  { family: "rng", what: "built-in", values: { backend: "builtin", path: "/dev/urandom", rateBytes: null, ratePeriodMs: null } },
  { family: "panic", what: "ISA pvpanic", values: { model: "isa" }, editTo: { model: "hyperv" } },
  { family: "panic", what: "Hyper-V", values: { model: "hyperv" } },
  {
    family: "vsock",
    what: "CID chosen by libvirt, then fixed",
    values: { cid: "auto", address: null },
    editTo: { cid: "fixed", address: 1234 },
  },
  { family: "vsock", what: "fixed CID", values: { cid: "fixed", address: 4000000000 } },
  {
    family: "audio",
    what: "WAV file on the host, then PulseAudio",
    values: { type: "file", path: "/var/lib/libvirt/qemu/vc-hw-audio.wav", serverName: "" },
    editTo: { type: "pulseaudio", path: "", serverName: "unix:/run/vc-hw-pulse/native" },
  },
  { family: "audio", what: "no host sound", values: { type: "none", path: "", serverName: "" } },
  {
    family: "audio",
    what: "SPICE without a SPICE display",
    values: { type: "spice", path: "", serverName: "" },
    refused: /Spice audio is not supported without spice graphics/,
  },
];

let lv: Libvirt;
let ref: DomainRef;
let name: string;

const readSaved = async () => Domain.parse(await lv.domains.xml(ref, flagSet(VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_SECURE)));
const define = async (dom: Domain) => {
  ref = await lv.domains.define(dom.toXml(), VIR_DOMAIN_DEFINE_VALIDATE);
};
const familyOf = (family: DeviceFamily) => {
  const codec = deviceCodecs[family] as DeviceCodec | undefined;
  const input = deviceFamilyInputs[family];
  if (!codec || !input) throw new Error(`no codec or schema for ${family}`);
  return { codec, schema: input.schema };
};

beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  name = uniqueGuestName("vc-hw-other");
  ref = await lv.domains.define(testGuestXml(name, ensureTestGuestImage()), VIR_DOMAIN_DEFINE_VALIDATE);
});

afterAll(async () => {
  if (ref) await lv.domains.undefine(ref, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_TPM).catch(() => undefined);
  await lv.close();
});

describe("device families on a shut-off guest in the real libvirtd", () => {
  it.each(cases)("$family: $what", async (c) => {
    const { codec, schema } = familyOf(c.family);
    const values = schema.parse(c.values);
    const saved = await readSaved();
    const before = codec.list(saved).length;
    const { device } = await codec.create(values, { saved, live: null, lv, hostId: "local" });
    codec.list(saved).add(device);
    if (c.refused) {
      await expect(define(saved)).rejects.toThrow(c.refused);
      return;
    }
    await define(saved);

    const back = await readSaved();
    expect(codec.list(back).length).toBe(before + 1);
    const added = codec.list(back).at(before)!;
    const read = codec.values(added);
    expect(schema.safeParse(read).error).toBeUndefined();
    expect(read).toEqual(c.readBack ? c.readBack(read, values) : values);
    expect(inEnglish(codec.describe(added)).title).toBeTruthy();
    expect(codec.removable?.(added) ?? true).toBe(true);

    let last = back;
    if (c.editTo) {
      const identity = codec.identity?.(added);
      const edited = schema.parse(c.editTo);
      codec.edit(added, edited);
      await define(back);
      last = await readSaved();
      const editedDevice = codec.list(last).at(before)!;
      // An edit keeps what the live guest is matched by (a NIC's MAC).
      expect(codec.identity?.(editedDevice)).toBe(identity);
      const again = codec.values(editedDevice);
      expect(again).toEqual(c.readBack ? c.readBack(again, edited) : edited);
    }

    codec.list(last).remove(codec.list(last).at(before)!);
    await define(last);
    expect(codec.list(await readSaved()).length).toBe(before);
  });

  it("memballoon: switched on with statistics and autodeflate, then off again (a guest has exactly one)", async () => {
    const { codec, schema } = familyOf("memballoon");
    for (const values of [
      { model: "virtio", autodeflate: true, statsPeriod: 5 },
      { model: "none", autodeflate: false, statsPeriod: null },
    ]) {
      const saved = await readSaved();
      codec.edit(codec.list(saved).at(0)!, schema.parse(values));
      await define(saved);
      const balloons = codec.list(await readSaved());
      expect(balloons.length).toBe(1);
      expect(codec.values(balloons.at(0)!)).toEqual(values);
      expect(codec.removable?.(balloons.at(0)!)).toBe(false);
    }
  });

  it("the serial-port console and the PS/2 inputs libvirt adds are not removable", async () => {
    const saved = await readSaved();
    const console = saved.devices.consoles.at(0)!;
    expect(familyOf("console").codec.removable?.(console)).toBe(false);
    expect(inEnglish(familyOf("console").codec.describe(console)).summary).toMatch(/serial port/);
    const ps2 = saved.devices.inputs.filter((i) => i.bus === "ps2");
    expect(ps2.length).toBeGreaterThan(0);
    for (const input of ps2) expect(familyOf("input").codec.removable?.(input)).toBe(false);
  });
});
