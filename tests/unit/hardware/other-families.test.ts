// What the golden files cannot show: validation messages, secrets kept from values(), and how a running
// guest's copy of a device compares with the saved one.
import { describe, expect, it } from "vitest";
import { issueText } from "../../helpers/issue-text";
import { changedFields } from "@/lib/server/guests/hardware/device-match";
import { inEnglish } from "@/lib/server/guests/hardware/device-english";
import { consoleCodec } from "@/lib/server/guests/hardware/families/console";
import { graphicsCodec } from "@/lib/server/guests/hardware/families/graphics";
import { inputCodec } from "@/lib/server/guests/hardware/families/input";
import { interfaceCodec } from "@/lib/server/guests/hardware/families/interface";
import { channelSchema } from "@/lib/validations/hardware/channel";
import { graphicsSchema } from "@/lib/validations/hardware/graphics";
import { interfaceForm, interfaceSchema } from "@/lib/validations/hardware/interface";
import { serialSchema } from "@/lib/validations/hardware/serial";
import { tpmSchema } from "@/lib/validations/hardware/tpm";
import { Console, Graphics, Input, Interface } from "@/lib/xml";

const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), issueText(i)]));

describe("device schemas", () => {
  it("NIC: MAC normalised, multicast refused, limits need an average, a source needs its name", () => {
    const nic = { ...interfaceForm.defaults };
    expect(interfaceSchema.parse({ ...nic, mac: " 52:54:00:AB:cd:EF " }).mac).toBe("52:54:00:ab:cd:ef");
    expect(issues(interfaceSchema.safeParse({ ...nic, mac: "01:00:5e:00:00:01" }))).toEqual({ mac: expect.stringMatching(/unicast/) });
    expect(issues(interfaceSchema.safeParse({ ...nic, mac: "52:54:00:zz:00:01" }))).toEqual({
      mac: expect.stringMatching(/MAC address like/),
    });
    expect(issues(interfaceSchema.safeParse({ ...nic, inboundPeak: "2000", outboundBurst: 10, outboundAverage: "" }))).toEqual({
      inboundPeak: "Set the average rate too",
      outboundBurst: "Set the average rate too",
    });
    expect(issues(interfaceSchema.safeParse({ ...nic, source: "bridge", bridge: "" }))).toEqual({ bridge: "Pick a bridge" });
    expect(interfaceSchema.parse({ ...nic, inboundAverage: "1000" }).inboundAverage).toBe(1000);
  });

  it("graphics: a new password is required with set, VNC's at most 8 characters, fixed ports from 5900", () => {
    const g = { type: "vnc", passwordMode: "set", password: "" };
    expect(issues(graphicsSchema.safeParse(g))).toEqual({ password: "Enter the password" });
    expect(issues(graphicsSchema.safeParse({ ...g, password: "123456789" }))).toEqual({ password: expect.stringMatching(/8 characters/) });
    expect(graphicsSchema.safeParse({ ...g, type: "spice", password: "123456789" }).success).toBe(true);
    expect(issues(graphicsSchema.safeParse({ type: "spice", portMode: "fixed", port: 22 }))).toEqual({
      port: expect.stringMatching(/5900/),
    });
  });

  it("chardevs: each type asks for what it needs", () => {
    expect(issues(serialSchema.safeParse({ type: "tcp" }))).toEqual({ host: expect.any(String), service: expect.any(String) });
    expect(issues(serialSchema.safeParse({ type: "unix" }))).toEqual({ path: "Enter the socket path" });
    // libvirt makes the socket of a unix channel itself.
    expect(channelSchema.safeParse({ type: "unix" }).success).toBe(true);
    expect(issues(channelSchema.safeParse({ type: "pty", targetType: "guestfwd" }))).toEqual({
      fwdAddress: expect.any(String),
      fwdPort: expect.any(String),
    });
  });

  it("TPM: CRB is 2.0 only", () => {
    expect(issues(tpmSchema.safeParse({ model: "tpm-crb", backend: "emulator", version: "1.2" }))).toEqual({
      version: expect.stringMatching(/2\.0/),
    });
  });
});

describe("device codecs", () => {
  it("graphics: the password never reaches values(); keep leaves it, none removes it, set replaces it", () => {
    const g = Graphics.parse(
      "<graphics type='vnc' autoport='yes' passwd='hunter2'><listen type='address' address='127.0.0.1'/></graphics>",
    );
    const values = graphicsCodec.values(g);
    expect(values).toMatchObject({ passwordMode: "keep", password: "" });
    expect(JSON.stringify(values)).not.toContain("hunter2");
    expect(graphicsCodec.secretFields).toEqual(["password"]);
    graphicsCodec.edit(g, { ...values, keymap: "fr" });
    expect(g.passwd).toBe("hunter2");
    graphicsCodec.edit(g, { ...graphicsCodec.values(g), passwordMode: "set", password: "n3w" });
    expect(g.passwd).toBe("n3w");
    graphicsCodec.edit(g, { ...graphicsCodec.values(g), passwordMode: "none" });
    expect(g.passwd).toBeUndefined();
  });

  it("graphics: the port a running guest got with autoport is not a pending change; a new fixed port is", () => {
    const live = graphicsCodec.values(
      Graphics.parse(
        "<graphics type='spice' port='5901' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>",
      ),
    );
    const saved = graphicsCodec.values(
      Graphics.parse("<graphics type='spice' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>"),
    );
    expect(changedFields(live, saved, graphicsCodec.runtimeFields)).toEqual([]);
    const fixedLive = graphicsCodec.values(Graphics.parse("<graphics type='vnc' port='5905' autoport='no'/>"));
    const fixedSaved = graphicsCodec.values(Graphics.parse("<graphics type='vnc' port='5906' autoport='no'/>"));
    expect(changedFields(fixedLive, fixedSaved, graphicsCodec.runtimeFields)).toEqual(["port"]);
  });

  it("NIC: an empty MAC on edit keeps the assigned one; identity is the MAC", () => {
    const nic = Interface.parse(
      "<interface type='network'><mac address='52:54:00:01:02:03'/><source network='default'/><model type='virtio'/></interface>",
    );
    interfaceCodec.edit(nic, { ...interfaceCodec.values(nic), mac: "", linkState: "down" });
    expect(nic.mac).toBe("52:54:00:01:02:03");
    expect(nic.linkState).toBe("down");
    expect(interfaceCodec.identity?.(nic)).toBe("52:54:00:01:02:03");
    expect(inEnglish(interfaceCodec.describe(nic)).title).toBe("NIC 52:54:00:01:02:03");
  });

  it("the serial-port console and PS/2 inputs are not removable; a virtio console and a USB tablet are", () => {
    expect(consoleCodec.removable?.(Console.parse("<console type='pty'><target type='serial' port='0'/></console>"))).toBe(false);
    expect(consoleCodec.removable?.(Console.parse("<console type='pty'><target type='virtio' port='1'/></console>"))).toBe(true);
    const serialConsole = Console.parse("<console type='pty'><target type='serial' port='0'/></console>");
    expect(() => consoleCodec.edit(serialConsole, { ...consoleCodec.values(serialConsole), type: "null" })).toThrow(
      /change the serial port instead/,
    );
    expect(inputCodec.removable?.(Input.parse("<input type='mouse' bus='ps2'/>"))).toBe(false);
    expect(inputCodec.removable?.(Input.parse("<input type='tablet' bus='usb'/>"))).toBe(true);
  });
});
