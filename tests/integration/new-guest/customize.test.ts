// "Customize configuration before install" on the real libvirtd: the planned guest is edited through the
// hardware verbs as a draft while nothing exists in libvirt, only its owner reaches it, libvirt's schema
// refuses a broken definition, "Begin installation" creates the customized guest, and "Cancel" removes
// what editing the draft made.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { SECRET_PLACEHOLDER } from "@/lib/guests/secrets";
import { addDevice } from "@/lib/server/guests/hardware/add-device";
import { editDevice } from "@/lib/server/guests/hardware/edit-device";
import { defineGuestXml, readGuestXml } from "@/lib/server/guests/hardware/guest-xml";
import { resolveHardwareTarget } from "@/lib/server/guests/hardware/hardware-target";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { resizeDisk } from "@/lib/server/guests/hardware/resize-disk";
import { setBoot } from "@/lib/server/guests/hardware/set-boot";
import { setGeneral } from "@/lib/server/guests/hardware/set-general";
import { setMemory } from "@/lib/server/guests/hardware/set-memory";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { cancelDraft, installDraft, startCustomizing } from "@/lib/server/new-guest/customize";
import { findDraft } from "@/lib/server/new-guest/drafts";
import { addDeviceSchema, deviceFamilyInputs, editDeviceSchema } from "@/lib/validations/hardware";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { buildInstallerIso } from "../../helpers/installer-iso";
import { uploadToDefaultPool } from "../../helpers/iso-volume";
import { resolveVirtType, uniqueGuestName, removeGuests } from "../../helpers/test-guest";
import { guestCall, type GuestCall } from "../../helpers/verb-context";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
const isoName = `${uniqueGuestName("vc-cust")}.iso`;
const made: string[] = [];
const MiB = 1024 * 1024;

const input = async (name: string) =>
  newGuestSchema.parse({
    name,
    install: { method: "iso", pool: "default", volume: isoName },
    os: "generic",
    memoryMiB: 160,
    vcpus: 1,
    storage: { kind: "new", pool: "default", capacityBytes: 64 * MiB },
    network: { type: "none" },
    virtType: await resolveVirtType(lv),
  });

const volumeNames = async () => (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name);
const guestNames = async () => (await lv.domains.list()).map((d) => d.name);
const hardwareOf = async (req: GuestCall) => readHardware(await resolveHardwareTarget(req.guest.hostId, req.guest.uuid, req.ctx.actor.id));
const newDiskValues = {
  ...deviceFamilyInputs.disk!.form.defaults,
  sourceKind: "new",
  newPool: "default",
  newSizeGiB: 8 / 1024,
  newFormat: "raw",
  bus: "virtio",
};

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  await uploadToDefaultPool(lv, isoName, buildInstallerIso());
});

afterAll(async () => {
  await removeGuests(lv, made);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name === isoName || made.some((n) => vol.name.startsWith(n))) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("customize before install", () => {
  it("edits the draft through the hardware verbs with nothing in libvirt, then Begin installation creates the guest as customized", async () => {
    const name = uniqueGuestName("vc-cust");
    made.push(name);
    const { uuid } = await startCustomizing(ctxOf(admin), { hostId, ...(await input(name)) });
    const req: GuestCall = guestCall(admin, hostId, uuid);
    const etag = async () => (await hardwareOf(req)).etag;

    const planned = await hardwareOf(req);
    expect(planned).toMatchObject({ running: false, general: { name }, memory: { currentMiB: 160 } });
    const disk = planned.devices.find((d) => d.family === "disk" && d.values.device === "disk")!;
    expect(disk).toBeDefined();

    await setMemory(req.ctx, { ...req.guest, etag: await etag(), currentMiB: 192, maxMiB: 256 });
    await setGeneral(req.ctx, { ...req.guest, etag: await etag(), title: "Customized", description: "made in the draft" });
    const boot = (await hardwareOf(req)).boot;
    await setBoot(req.ctx, {
      ...req.guest,
      etag: await etag(),
      autostart: true,
      bootMenu: true,
      order: boot.entries.filter((e) => e.order !== null).map((e) => e.key),
      kernel: "",
      initrd: "",
      cmdline: "",
    });
    await resizeDisk(req.ctx, { ...req.guest, key: disk.key, etag: await etag(), sizeGiB: 96 / 1024 });
    expect(
      await addDevice(req.ctx, {
        ...req.guest,
        ...addDeviceSchema.parse({ etag: await etag(), family: "disk", values: newDiskValues, persistentOnly: false }),
      }),
    ).toEqual({
      ok: true,
      live: "not-running",
    });

    // Nothing but the added disk's volume exists yet: no guest, no main disk.
    expect(await guestNames()).not.toContain(name);
    expect(await volumeNames()).not.toContain(`${name}.qcow2`);
    expect((await volumeNames()).filter((v) => v.startsWith(`${name}-vd`))).toHaveLength(1);
    const draftXml = (await readGuestXml(await resolveHardwareTarget(hostId, uuid, admin.id))).xml;
    expect(draftXml).toContain("<title>Customized</title>");

    // A second "Begin installation" while the first runs is refused, not run against the same guest.
    const [first, second] = await Promise.allSettled([
      installDraft(ctxOf(admin), { hostId, uuid }),
      installDraft(ctxOf(admin), { hostId, uuid }),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second).toMatchObject({ status: "rejected", reason: { status: 409, message: "This guest is being installed already" } });
    const dom = await lv.domains.lookupByName(name);
    expect(await lv.domains.isActive(dom)).toBe(true);
    expect(await lv.domains.autostart(dom)).toBe(true);
    const saved = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    expect(saved.uuid).toBe(uuid);
    expect(saved.title).toBe("Customized");
    expect(saved.currentMemoryKiB).toBe(192 * 1024);
    expect(saved.memoryKiB).toBe(256 * 1024);
    expect(saved.os.bootMenu).toBe(true);
    expect(saved.devices.disks.items.filter((d) => d.device === "disk").map((d) => d.sourceVolume ?? d.sourceFile)).toEqual([
      `${name}.qcow2`,
      expect.stringMatching(new RegExp(`${name}-vd[a-z]\\.img$`)),
    ]);
    const mainDisk = await lv.storage.lookupVolume(await lv.storage.lookupPool("default"), `${name}.qcow2`);
    expect(Number((await lv.storage.volumeInfo(mainDisk)).capacity)).toBe(96 * MiB);
    // The draft is gone: its UUID is now the guest's, read from libvirt.
    expect((await hardwareOf(req)).running).toBe(true);
    expect((await tc.auditRows("guest.draft.create")).at(-1)).toMatchObject({ result: "ok" });
    expect((await tc.auditRows("guest.device.add")).at(-1)?.details).toContain("customizing before install");
  }, 120_000);

  it("is only its owner's, refuses XML libvirt's schema rejects, and Cancel removes the volumes it made", async () => {
    const name = uniqueGuestName("vc-cust");
    made.push(name);
    const { uuid } = await startCustomizing(ctxOf(admin), { hostId, ...(await input(name)) });
    const req: GuestCall = guestCall(admin, hostId, uuid);

    const someoneElse = await tc.actor();
    await expect(resolveHardwareTarget(hostId, uuid, someoneElse.id)).rejects.toMatchObject({ status: 404 });
    await expect(installDraft(ctxOf(someoneElse), { hostId, uuid })).rejects.toMatchObject({ status: 404 });

    const { xml, etag } = await readGuestXml(await resolveHardwareTarget(hostId, uuid, admin.id));
    await expect(
      defineGuestXml(req.ctx, { ...req.guest, etag, xml: xml.replace("<devices>", "<devices><nonsense/>") }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/schema/),
    });
    expect((await hardwareOf(req)).etag).toBe(etag);

    // A display password set on the draft stays on the server like a guest's, and the placeholder keeps it.
    const display = (await hardwareOf(req)).devices.find((d) => d.family === "graphics")!;
    await editDevice(req.ctx, {
      ...req.guest,
      key: display.key,
      ...editDeviceSchema.parse({ etag, family: "graphics", values: { ...display.values, passwordMode: "set", password: "drftPw1" } }),
    });
    const redacted = await readGuestXml(await resolveHardwareTarget(hostId, uuid, admin.id));
    expect(JSON.stringify([redacted, await hardwareOf(req)])).not.toContain("drftPw1");
    expect(redacted.xml).toContain(`passwd='${SECRET_PLACEHOLDER}'`);
    await defineGuestXml(req.ctx, {
      ...req.guest,
      etag: redacted.etag,
      xml: redacted.xml.replace("<devices>", "<devices>\n    <!-- kept -->"),
    });
    expect((await findDraft(admin.id, hostId, uuid))!.domain.devices.graphics.at(0)?.passwd).toBe("drftPw1");

    await addDevice(req.ctx, {
      ...req.guest,
      ...addDeviceSchema.parse({ etag: (await hardwareOf(req)).etag, family: "disk", values: newDiskValues, persistentOnly: false }),
    });
    expect((await volumeNames()).filter((v) => v.startsWith(`${name}-vd`))).toHaveLength(1);
    await cancelDraft(ctxOf(admin), { hostId, uuid });
    expect((await volumeNames()).filter((v) => v.startsWith(name))).toEqual([]);
    expect(await guestNames()).not.toContain(name);
    await expect(resolveHardwareTarget(hostId, uuid, admin.id)).rejects.toMatchObject({ status: 404 });
  }, 60_000);

  it("a definition libvirt refuses at install rolls back the disk volume it created and keeps the draft; a name taken meanwhile makes nothing", async () => {
    const name = uniqueGuestName("vc-cust");
    made.push(name);
    const { uuid } = await startCustomizing(ctxOf(admin), { hostId, ...(await input(name)) });
    const req: GuestCall = guestCall(admin, hostId, uuid);
    // Two disks on one target: libvirt's schema allows it, its define does not.
    const { xml, etag } = await readGuestXml(await resolveHardwareTarget(hostId, uuid, admin.id));
    const planned = Domain.parse(xml);
    const mainDisk = planned.devices.disks.items.find((d) => d.device === "disk")!;
    const twin = xml
      .match(/<disk type=(['"])volume\1 device=(['"])disk\2>[\s\S]*?<\/disk>/)![0]
      .replace(`volume='${mainDisk.sourceVolume}'`, `volume='${isoName}'`);
    await defineGuestXml(req.ctx, { ...req.guest, etag, xml: xml.replace("</devices>", `${twin}</devices>`) });

    await expect(installDraft(ctxOf(admin), { hostId, uuid })).rejects.toThrow(
      /^Failed while defining the guest: .*; what was made for it was removed again$/,
    );
    expect(await volumeNames()).not.toContain(`${name}.qcow2`);
    expect(await guestNames()).not.toContain(name);
    expect((await hardwareOf(req)).running).toBe(false);

    // Someone else takes the name with virsh-like means before the next try.
    const taken = await lv.domains.define(
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><os><type>hvm</type></os></domain>`,
    );
    try {
      await expect(installDraft(ctxOf(admin), { hostId, uuid })).rejects.toMatchObject({
        status: 409,
        message: expect.stringContaining(`A guest named ${name} already exists`),
      });
      expect(await volumeNames()).not.toContain(`${name}.qcow2`);
    } finally {
      await lv.domains.undefine(taken);
    }
    await cancelDraft(ctxOf(admin), { hostId, uuid });
  }, 60_000);
});
