// Memory devices on a running q35 guest through the console's verbs: memory hot-plug switched on for
// the shut-off guest the way the Memory page does it (which gives it its NUMA cell), then, while it
// runs, a virtio-mem device and a DIMM plugged in and virtio-mem's requested size changed at once;
// what libvirt cannot change live waits for the next boot with libvirt's reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { resolveGuest } from "@/lib/server/guests/guest-target";
import { addDevice } from "@/lib/server/guests/hardware/add-device";
import { editDevice } from "@/lib/server/guests/hardware/edit-device";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { setMemory } from "@/lib/server/guests/hardware/set-memory";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { addDeviceSchema, editDeviceSchema } from "@/lib/validations/hardware";
import { Domain } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { VNC_GRAPHICS, ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";
import { guestCall, type GuestCall } from "../../helpers/verb-context";

let tc: TestConsole;
let lv: Libvirt;
let dom: DomainRef;
let req: GuestCall;

// Spare PCIe root ports, as virt-manager gives q35 guests: a virtio-mem device plugs into one.
const rootPorts = "<controller type='pci' index='1' model='pcie-root-port'/><controller type='pci' index='2' model='pcie-root-port'/>";

beforeAll(async () => {
  tc = await startTestConsole();
  const hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  const xml = testGuestXml(uniqueGuestName("vc-hwmem"), ensureTestGuestImage(), 256, await resolveVirtType(lv), VNC_GRAPHICS, {
    machine: "q35",
    extraDevices: rootPorts,
  });
  dom = await lv.domains.define(xml);
  const uuid = (await lv.domains.list()).find((d) => d.name === dom.name)!.uuid;
  req = guestCall(await tc.actor(), hostId, uuid);
});

afterAll(async () => {
  if (dom) {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.undefine(dom).catch(() => undefined);
  }
  await lv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
});

const hardware = async () => readHardware(await resolveGuest(req.guest.hostId, req.guest.uuid));
const saved = async () => Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
const live = async () => Domain.parse(await lv.domains.xml(dom));
const memoryDevices = async () => (await hardware()).devices.filter((d) => d.family === "memory");
const MiB = 1024;

describe("memory devices on a q35 test guest in the real libvirtd", () => {
  it("memory hot-plug switched on while the guest is off: the limit, the slots and one NUMA cell", async () => {
    const { etag } = await hardware();
    expect(await setMemory(req.ctx, { ...req.guest, etag, currentMiB: 256, maxMiB: 256, hotplugMiB: 1024, slots: 4 })).toEqual({
      ok: true,
      live: "not-running",
    });
    const dom = await saved();
    expect([dom.maxMemoryKiB, dom.maxMemorySlots]).toEqual([1024 * MiB, 4]);
    expect(dom.cpu.numaCells.map((c) => [c.id, c.cpus, c.memoryKiB])).toEqual([[0, "0", 256 * MiB]]);
    expect((await hardware()).memory).toMatchObject({ maxMiB: 256, hotplugMiB: 1024, slots: 4, numaCells: 1, devicesMiB: 0 });
  });

  it("a virtio-mem device plugged into the running guest, its requested size changed live, its size only for the next boot", async () => {
    await lv.domains.start(dom);
    expect(await waitForBoot(lv, dom, 90_000)).toBe(true);
    const added = await addDevice(req.ctx, {
      ...req.guest,
      ...addDeviceSchema.parse({
        etag: (await hardware()).etag,
        family: "memory",
        values: { model: "virtio-mem", sizeMiB: 256, node: 0, requestedMiB: 128 },
      }),
    });
    expect(added).toEqual({ ok: true, live: "applied" });
    for (const d of [await live(), await saved()]) {
      const mem = d.devices.memories.find((m) => m.model === "virtio-mem")!;
      expect([mem.targetSizeKiB, mem.targetRequestedKiB, mem.targetBlockKiB]).toEqual([256 * MiB, 128 * MiB, 2048]);
    }
    let [device] = await memoryDevices();
    expect(device).toMatchObject({ pending: null, values: { model: "virtio-mem", sizeMiB: 256, requestedMiB: 128 } });

    const edit = async (values: object) =>
      editDevice(req.ctx, {
        ...req.guest,
        key: device.key,
        ...editDeviceSchema.parse({ etag: (await hardware()).etag, family: "memory", values: { ...device.values, ...values } }),
      });
    expect(await edit({ requestedMiB: 256 })).toEqual({ ok: true, live: "applied" });
    expect((await live()).devices.memories.find((m) => m.model === "virtio-mem")!.targetRequestedKiB).toBe(256 * MiB);
    expect((await saved()).devices.memories.find((m) => m.model === "virtio-mem")!.targetRequestedKiB).toBe(256 * MiB);
    [device] = await memoryDevices();
    expect(device.pending).toBeNull();

    const grown = await edit({ sizeMiB: 512 });
    expect(grown).toMatchObject({ ok: true, live: "next-boot", liveError: expect.stringMatching(/size|modify/i) });
    [device] = await memoryDevices();
    expect(device).toMatchObject({ pending: "change", pendingFields: ["sizeMiB"] });
  });

  it("a DIMM plugged into the running guest, saved too; the slots and the limit count it", async () => {
    const added = await addDevice(req.ctx, {
      ...req.guest,
      ...addDeviceSchema.parse({ etag: (await hardware()).etag, family: "memory", values: { model: "dimm", sizeMiB: 128, node: 0 } }),
    });
    expect(added).toEqual({ ok: true, live: "applied" });
    const dimm = (await live()).devices.memories.find((m) => m.model === "dimm")!;
    expect([dimm.targetSizeKiB, dimm.address.type]).toEqual([128 * MiB, "dimm"]);
    expect((await saved()).devices.memories.map((m) => m.model)).toEqual(["virtio-mem", "dimm"]);
    expect((await hardware()).memory).toMatchObject({ maxMiB: 256, devicesMiB: 512 + 128 });
    // 1024 MiB of room: 256 boot + 512 virtio-mem (as saved) + 128 DIMM leave 128.
    await expect(
      addDevice(req.ctx, {
        ...req.guest,
        ...addDeviceSchema.parse({ etag: (await hardware()).etag, family: "memory", values: { model: "dimm", sizeMiB: 256, node: 0 } }),
      }),
    ).rejects.toMatchObject({ status: 422, fields: { "values.sizeMiB": expect.stringMatching(/At most 128 MiB/) } });
  });
});
