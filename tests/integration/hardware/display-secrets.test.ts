// Display passwords against the real libvirtd: no response the browser gets carries them, defining XML
// with the placeholder keeps them (read back through the RPC client with VIR_DOMAIN_XML_SECURE), a
// typed value or the hardware form changes them, and no audit row holds one.
import { flagSet } from "@/lib/libvirt/flag-set";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceValues } from "@/lib/guests/hardware/types";
import { SECRET_PLACEHOLDER } from "@/lib/guests/secrets";
import { Libvirt } from "@/lib/libvirt";
import { inEnglish } from "@/lib/server/guests/hardware/device-english";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { getGuest } from "@/lib/server/guests/get-guest";
import { editDevice } from "@/lib/server/guests/hardware/edit-device";
import { defineGuestXml, readGuestXml } from "@/lib/server/guests/hardware/guest-xml";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { editDeviceSchema } from "@/lib/validations/hardware";
import { Domain } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { guestCall, type GuestCall } from "../../helpers/verb-context";

// VNC uses at most 8 characters; random so no fixture text can match by chance.
const password = `p${randomBytes(3).toString("hex")}q`;
const typed = `t${randomBytes(3).toString("hex")}u`;
const formSet = `f${randomBytes(3).toString("hex")}g`;
const everyPassword = [password, typed, formSet];

let tc: TestConsole;
let req: GuestCall;
let admin: Actor;
let lv: Libvirt;
let dom: DomainRef;
const name = uniqueGuestName("vc-secrets");

/** The real saved definition, secrets included, as only the server reads it. */
const secureDisplays = async () =>
  Domain.parse(
    await lv.domains.xml(dom, flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE)),
  ).devices.graphics.map((g) => [g.type, g.passwd ?? null]);
const xmlTab = () => readGuestXml(req.ctx, req.guest);
const auditText = async () =>
  JSON.stringify([
    ...(await tc.auditRows("guest.xml")),
    ...(await tc.auditRows("guest.device.edit")),
    ...(await tc.auditRows("guest.device.add")),
  ]);

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  const hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  const graphics = `<graphics type='vnc' autoport='yes' listen='127.0.0.1' passwd='${password}'><listen type='address' address='127.0.0.1'/></graphics>
    <graphics type='spice' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics>`;
  dom = await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, await resolveVirtType(lv), graphics));
  const uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
  req = guestCall(admin, hostId, uuid);
});

afterAll(async () => {
  await lv.domains.undefine(dom, 0).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("display passwords stay on the server", () => {
  it("reach no response: the XML tab has the placeholder, the hardware pages say password set or no password", async () => {
    expect(await secureDisplays()).toEqual([
      ["vnc", password],
      ["spice", null],
    ]);
    const xml = await xmlTab();
    const hardware = await readHardware(req.ctx, req.guest);
    const guest = await getGuest(req.ctx, req.guest);
    for (const response of [xml, hardware, guest]) expect(JSON.stringify(response)).not.toContain(password);
    expect(xml.xml).toContain(`passwd='${SECRET_PLACEHOLDER}'`);
    const displays = hardware.devices.filter((d) => d.family === "graphics");
    expect(displays.map((d) => [inEnglish(d.text).title, d.values.passwordMode, d.values.password])).toEqual([
      ["Display VNC", "keep", ""],
      ["Display Spice", "none", ""],
    ]);
    expect(displays.map((d) => inEnglish(d.text).summary)).toEqual([
      expect.stringContaining("password set"),
      expect.stringContaining("no password"),
    ]);
    // The etag covers the password too, but is keyed: a plain hash of the XML would let guesses be tested offline.
    const secureXml = await lv.domains.xml(
      dom,
      flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE),
    );
    expect(xml.etag).not.toBe(createHash("sha256").update(secureXml).digest("base64url").slice(0, 22));
  });

  it("Define with the placeholder keeps the stored password while the rest changes", async () => {
    const { xml, etag } = await xmlTab();
    await defineGuestXml(req.ctx, {
      ...req.guest,
      etag,
      xml: xml.replace(`<name>${name}</name>`, `<name>${name}</name>\n  <title>kept</title>`),
    });
    expect((await xmlTab()).xml).toContain("<title>kept</title>");
    expect(await secureDisplays()).toEqual([
      ["vnc", password],
      ["spice", null],
    ]);
  });

  it("refuses the placeholder on the display that has no password, and changes nothing", async () => {
    const before = await xmlTab();
    const edited = before.xml.replace(/<graphics type='spice'([^>]*)>/, `<graphics type='spice'$1 passwd='${SECRET_PLACEHOLDER}'>`);
    expect(edited).not.toBe(before.xml);
    await expect(defineGuestXml(req.ctx, { ...req.guest, etag: before.etag, xml: edited })).rejects.toMatchObject({
      status: 422,
      fields: { xml: expect.stringContaining("no stored SPICE display password") },
    });
    expect((await xmlTab()).etag).toBe(before.etag);
  });

  it("a value typed in the XML sets the password, and deleting the attribute removes it", async () => {
    let { xml, etag } = await xmlTab();
    await defineGuestXml(req.ctx, { ...req.guest, etag, xml: xml.replace(`passwd='${SECRET_PLACEHOLDER}'`, `passwd='${typed}'`) });
    expect(await secureDisplays()).toEqual([
      ["vnc", typed],
      ["spice", null],
    ]);
    expect((await tc.auditRows("guest.xml")).at(-1)?.details).toContain("VNC display password");

    ({ xml, etag } = await xmlTab());
    await defineGuestXml(req.ctx, { ...req.guest, etag, xml: xml.replace(` passwd='${SECRET_PLACEHOLDER}'`, "") });
    expect(await secureDisplays()).toEqual([
      ["vnc", null],
      ["spice", null],
    ]);
  });

  it("the hardware form sets, keeps, changes and removes the password", async () => {
    const vnc = async () => (await readHardware(req.ctx, req.guest)).devices.find((d) => d.family === "graphics")!;
    const edit = async (values: DeviceValues) =>
      editDevice(req.ctx, {
        ...req.guest,
        key: (await vnc()).key,
        ...editDeviceSchema.parse({
          etag: (await readHardware(req.ctx, req.guest)).etag,
          family: "graphics",
          values: { ...(await vnc()).values, ...values },
        }),
      });
    await edit({ passwordMode: "set", password: formSet });
    expect((await secureDisplays())[0]).toEqual(["vnc", formSet]);
    await edit({ keymap: "de" }); // the password is left alone ("keep")
    expect((await vnc()).values).toMatchObject({ passwordMode: "keep", password: "", keymap: "de" });
    expect((await secureDisplays())[0]).toEqual(["vnc", formSet]);
    await edit({ passwordMode: "set", password });
    expect((await secureDisplays())[0]).toEqual(["vnc", password]);
    await edit({ passwordMode: "none" });
    expect((await secureDisplays())[0]).toEqual(["vnc", null]);
    expect((await vnc()).values).toMatchObject({ passwordMode: "none" });
  });

  it("no audit row holds a password", async () => {
    const audit = await auditText();
    expect(audit).toContain("guest.xml");
    expect(audit).toContain("guest.device.edit");
    for (const secret of everyPassword) expect(audit).not.toContain(secret);
  });
});
