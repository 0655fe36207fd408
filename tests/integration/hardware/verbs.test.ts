// The hardware verbs against the real libvirtd on a defined test guest: sections, a device family
// through add/edit/remove, the XML tab, stale changes refused, and live vs saved on the running guest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueText } from "../../helpers/issue-text";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { addDeviceSchema, editDeviceSchema } from "@/lib/validations/hardware";
import { addDevice } from "@/lib/server/guests/hardware/add-device";
import { editDevice } from "@/lib/server/guests/hardware/edit-device";
import { defineGuestXml, readGuestXml } from "@/lib/server/guests/hardware/guest-xml";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { removeDevice } from "@/lib/server/guests/hardware/remove-device";
import { setBoot } from "@/lib/server/guests/hardware/set-boot";
import { setCpu } from "@/lib/server/guests/hardware/set-cpu";
import { setGeneral } from "@/lib/server/guests/hardware/set-general";
import { setMemory } from "@/lib/server/guests/hardware/set-memory";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";
import { validateXml } from "../../unit/xml/support/validate";
import { guestCall, type GuestCall } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let req: GuestCall;
let lv: Libvirt;
let dom: DomainRef;
const name = uniqueGuestName("vc-hw");

const hardware = async () => readHardware(req.ctx, req.guest);
const etag = async () => (await hardware()).etag;
const savedXml = () => lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  const hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  // Two vCPUs at most with one on, so vCPU hot-plug has room.
  const xml = testGuestXml(name, ensureTestGuestImage(), 192, await resolveVirtType(lv)).replace(
    "<vcpu>1</vcpu>",
    "<vcpu current='1'>2</vcpu>",
  );
  dom = await lv.domains.define(xml);
  const uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
  req = guestCall(admin, hostId, uuid);
});

afterAll(async () => {
  await lv.domains.destroy(dom).catch(() => undefined);
  await lv.domains.undefine(dom, 0).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("hardware verbs on a shut-off guest", () => {
  it("reads sections and devices of the saved definition", async () => {
    const hw = await hardware();
    expect(hw.running).toBe(false);
    expect(hw.general).toMatchObject({ name, hypervisor: expect.stringMatching(/kvm|qemu/), arch: "x86_64", firmware: "bios" });
    expect(hw.cpu).toMatchObject({ vcpus: 1, maxVcpus: 2 });
    expect(hw.memory).toMatchObject({ currentMiB: 192, maxMiB: 192, balloon: false });
    expect(hw.boot.kernel).toMatch(/vmlinuz$/);
    expect(hw.devices.map((d) => d.family)).toEqual(expect.arrayContaining(["serial", "console", "graphics", "video", "memballoon"]));
    expect(hw.devices.every((d) => d.pending === null)).toBe(true);
  });

  it("refuses a change made against a stale definition and saves nothing", async () => {
    const before = await savedXml();
    await expect(setGeneral(req.ctx, { ...req.guest, etag: "stale", title: "x", description: "" })).rejects.toMatchObject({ status: 409 });
    expect(await savedXml()).toBe(before);
  });

  it("adds, edits and removes a watchdog, auditing before and after", async () => {
    await addDevice(req.ctx, {
      ...req.guest,
      ...addDeviceSchema.parse({
        etag: await etag(),
        family: "watchdog",
        values: { model: "i6300esb", action: "reset" },
        persistentOnly: false,
      }),
    });
    let dog = (await hardware()).devices.find((d) => d.family === "watchdog")!;
    expect(dog).toMatchObject({ key: "watchdog:0", values: { model: "i6300esb", action: "reset" } });
    expect(
      await editDevice(req.ctx, {
        ...req.guest,
        key: dog.key,
        ...editDeviceSchema.parse({ etag: await etag(), family: "watchdog", values: { model: "i6300esb", action: "poweroff" } }),
      }),
    ).toEqual({ ok: true, live: "not-running" });
    expect(await savedXml()).toContain("<watchdog model='i6300esb' action='poweroff'");
    const edits = await tc.auditRows("guest.device.edit");
    expect(JSON.parse(edits.at(-1)!.details)).toMatchObject({ before: { action: "reset" }, after: { action: "poweroff" } });
    expect(validateXml(await savedXml()).valid).toBe(true);
    dog = (await hardware()).devices.find((d) => d.family === "watchdog")!;
    await removeDevice(req.ctx, { ...req.guest, key: dog.key, etag: await etag(), persistentOnly: false });
    expect(await savedXml()).not.toContain("<watchdog");
    expect((await tc.auditRows("guest.device.remove")).map((r) => r.result)).toEqual(["ok"]);
  });

  it("checks a device body once with its family's schema; a family without one is named as such", () => {
    const bad = addDeviceSchema.safeParse({ etag: "e", family: "watchdog", values: { model: "<x>", action: "reset" } });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["values.model"]);
    const unknown = addDeviceSchema.safeParse({ etag: "e", family: "iommu", values: {} });
    expect(issueText(unknown.error?.issues[0])).toMatch(/cannot be added or changed here; use the XML tab/);
  });

  it("refuses an edit of a field fixed when the device was added, or a body of another family, and changes nothing", async () => {
    const before = await savedXml();
    const usb = (await hardware()).devices.find((d) => d.family === "controller" && d.values.type === "usb")!;
    const tag = await etag();
    const body = (family: string, values: object) => editDeviceSchema.parse({ etag: tag, family, values });
    await expect(
      editDevice(req.ctx, { ...req.guest, key: usb.key, ...body("controller", { type: "scsi", model: "virtio-scsi" }) }),
    ).rejects.toMatchObject({
      status: 422,
      fields: { "values.type": "Fixed once the device is added" },
    });
    await expect(
      editDevice(req.ctx, { ...req.guest, key: usb.key, ...body("watchdog", { model: "i6300esb", action: "reset" }) }),
    ).rejects.toMatchObject({
      status: 422,
      fields: { family: "This device is a controller" },
    });
    expect(await savedXml()).toBe(before);
  });

  it("changes title, description, CPUs, memory and boot settings", async () => {
    await setGeneral(req.ctx, { ...req.guest, etag: await etag(), title: "Hardware test", description: "made by verbs.test.ts" });
    await setCpu(req.ctx, {
      ...req.guest,
      etag: await etag(),
      vcpus: 2,
      maxVcpus: 4,
      mode: "host-model",
      model: "",
      topology: { sockets: 1, cores: 2, threads: 2 },
      pins: { "0": "0" },
    });
    await setMemory(req.ctx, { ...req.guest, etag: await etag(), currentMiB: 160, maxMiB: 256 });
    await setBoot(req.ctx, {
      ...req.guest,
      etag: await etag(),
      autostart: true,
      bootMenu: true,
      order: [],
      kernel: ensureTestGuestImage().kernel,
      initrd: ensureTestGuestImage().initrd,
      cmdline: ensureTestGuestImage().cmdline,
    });
    const hw = await hardware();
    expect(hw.general).toMatchObject({ title: "Hardware test", description: "made by verbs.test.ts" });
    expect(hw.cpu).toMatchObject({ vcpus: 2, maxVcpus: 4, mode: "host-model", sockets: 1, cores: 2, threads: 2, pins: { "0": "0" } });
    expect(hw.memory).toMatchObject({ currentMiB: 160, maxMiB: 256 });
    expect(hw.boot).toMatchObject({ autostart: true, bootMenu: true });
    expect(validateXml(await savedXml()).valid).toBe(true);
    expect(JSON.parse((await tc.auditRows("guest.memory"))[0].details)).toEqual({
      before: { currentMiB: 192, maxMiB: 192 },
      after: { currentMiB: 160, maxMiB: 256 },
    });
    // Back to what the running tests below expect.
    await setCpu(req.ctx, {
      ...req.guest,
      etag: await etag(),
      vcpus: 1,
      maxVcpus: 2,
      mode: "default",
      model: "",
      topology: null,
      pins: {},
    });
    await setBoot(req.ctx, {
      ...req.guest,
      etag: await etag(),
      autostart: false,
      bootMenu: false,
      order: [],
      kernel: hw.boot.kernel,
      initrd: hw.boot.initrd,
      cmdline: hw.boot.cmdline,
    });
  });

  it("defines hand-edited XML after libvirt validated it, and hand-written XML survives later edits", async () => {
    const { xml, etag: tag } = await readGuestXml(req.ctx, req.guest);
    await expect(defineGuestXml(req.ctx, { ...req.guest, etag: tag, xml: xml.replace("<devices>", "<devices><bogus/>") })).rejects.toThrow(
      /bogus|schema|valid/i,
    );
    await expect(
      defineGuestXml(req.ctx, { ...req.guest, etag: tag, xml: xml.replace(/<uuid>[^<]+</, "<uuid>00000000-0000-4000-8000-000000000001<") }),
    ).rejects.toMatchObject({ status: 422 });
    const custom = '<metadata>\n    <vc:note xmlns:vc="urn:example:hw-test">keep me</vc:note>\n  </metadata>';
    await defineGuestXml(req.ctx, { ...req.guest, etag: tag, xml: xml.replace("</description>", `</description>\n  ${custom}`) });
    await setMemory(req.ctx, { ...req.guest, etag: await etag(), currentMiB: 192, maxMiB: 256 });
    await addDevice(req.ctx, {
      ...req.guest,
      ...addDeviceSchema.parse({
        etag: await etag(),
        family: "watchdog",
        values: { model: "i6300esb", action: "none" },
        persistentOnly: false,
      }),
    });
    expect(await savedXml()).toMatch(/<vc:note xmlns:vc="urn:example:hw-test">keep me<\/vc:note>/);
  });
});

describe("hardware verbs on the running guest", () => {
  it("applies a vCPU change live and says when libvirt cannot change memory without a balloon", async () => {
    await lv.domains.start(dom);
    expect(await waitForBoot(lv, dom)).toBe(true);
    const cpu = (await hardware()).cpu;
    expect(
      await setCpu(req.ctx, {
        ...req.guest,
        etag: await etag(),
        vcpus: 2,
        maxVcpus: 2,
        mode: cpu.mode,
        model: cpu.model,
        topology: null,
        pins: {},
      }),
    ).toEqual({ ok: true, live: "applied" });
    const live = await lv.domains.xml(dom);
    expect(live).toMatch(/<vcpu placement='static'>2<\/vcpu>|<vcpu placement='static' current='2'>/);
    // The test guest has no memory balloon: libvirt refuses the live change, the saved one waits for the next boot.
    const memory = await setMemory(req.ctx, { ...req.guest, etag: await etag(), currentMiB: 128, maxMiB: 256 });
    expect(memory.live).toBe("next-boot");
    expect(memory.liveError ?? memory.liveNote).toBeTruthy();
    expect((await hardware()).pendingSections).toContain("memory");
  });

  it("shows a device change that libvirt could not make live as pending, and one it made as done", async () => {
    const dog = (await hardware()).devices.find((d) => d.family === "watchdog")!;
    expect(dog.pending).toBeNull();
    const result = await editDevice(req.ctx, {
      ...req.guest,
      key: dog.key,
      ...editDeviceSchema.parse({ etag: await etag(), family: "watchdog", values: { model: "i6300esb", action: "pause" } }),
    });
    const after = (await hardware()).devices.find((d) => d.key === dog.key)!;
    if (result.live === "applied") expect(after.pending).toBeNull();
    else expect(after).toMatchObject({ pending: "change", pendingFields: ["action"] });
  });
});
