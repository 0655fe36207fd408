// vsock, audio backends and memory devices: what the golden files cannot show (refusals, what the
// running guest's copy reads as, what the Memory page's hot-plug settings do to the definition).
import { describe, expect, it } from "vitest";
import { issueText } from "../../helpers/issue-text";
import type { CreateContext } from "@/lib/server/guests/hardware/codec";
import { changedFields } from "@/lib/server/guests/hardware/device-match";
import { inEnglish } from "@/lib/server/guests/hardware/device-english";
import { audioCodec } from "@/lib/server/guests/hardware/families/audio";
import { memoryCodec } from "@/lib/server/guests/hardware/families/memory";
import { vsockCodec } from "@/lib/server/guests/hardware/families/vsock";
import { memoryView } from "@/lib/server/guests/hardware/section-views";
import { memoryDeviceSchema } from "@/lib/validations/hardware/memory";
import { memorySchema } from "@/lib/validations/hardware/sections";
import { vsockSchema } from "@/lib/validations/hardware/vsock";
import { Domain, GuestNumaCell, Vsock } from "@/lib/xml";
import { readFixture } from "../xml/support/fixtures";

const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), issueText(i)]));
const ctxFor = (saved: Domain, live: Domain | null = null) => ({ saved, live, lv: null, hostId: "unit" }) as unknown as CreateContext;
const devices = () => Domain.parse(readFixture("domain-devices-in.xml"));
const kernel = () => Domain.parse(readFixture("domain-kernel-in.xml"));
/** A guest without hot-plug or NUMA. */
const plain = () => Domain.parse(readFixture("domain-full-in.xml"));

describe("vsock", () => {
  it("an automatic CID the running guest got is not a pending change; a fixed one needs its number", () => {
    const saved = vsockCodec.values(Vsock.parse("<vsock model='virtio'><cid auto='yes'/></vsock>"));
    const live = vsockCodec.values(Vsock.parse("<vsock model='virtio'><cid auto='yes' address='3'/></vsock>"));
    expect(changedFields(live, saved)).toEqual([]);
    expect(inEnglish(vsockCodec.describe(Vsock.parse("<vsock model='virtio'><cid auto='yes' address='3'/></vsock>"))).summary).toBe(
      "CID 3 (chosen by libvirt)",
    );
    expect(issues(vsockSchema.safeParse({ cid: "fixed" }))).toEqual({ address: "Enter the guest's CID" });
    expect(issues(vsockSchema.safeParse({ cid: "fixed", address: 2 }))).toEqual({ address: expect.stringMatching(/from 3/) });
  });

  it("a guest has one: a second is refused before libvirt is asked", () => {
    expect(() => vsockCodec.create({ cid: "auto", address: null }, ctxFor(devices()))).toThrow(/already has a VirtIO VSOCK/);
  });
});

describe("audio backends", () => {
  it("a new backend takes the next free id of the saved and the running definition", () => {
    const saved = kernel();
    const live = devices();
    const { device } = audioCodec.create({ type: "none", path: "", serverName: "" }, ctxFor(saved, live)) as { device: { id?: number } };
    expect(device.id).toBe(10);
  });

  it("one in use by a sound device, or the guest's only one, cannot be removed", () => {
    const dom = devices();
    const [spice, file, pulse] = dom.devices.audios.items;
    expect(audioCodec.removable?.(spice)).toBe(false);
    expect(inEnglish(audioCodec.describe(spice)).summary).toMatch(/plays ich9/);
    expect(audioCodec.removable?.(file)).toBe(false);
    expect(audioCodec.removable?.(pulse)).toBe(true);
    const only = kernel().devices.audios.at(0)!;
    expect(audioCodec.removable?.(only)).toBe(false);
    expect(inEnglish(audioCodec.describe(only)).summary).toMatch(/libvirt always keeps one/);
  });
});

describe("memory devices", () => {
  const dimm = { model: "dimm", sizeMiB: 256, node: 0, requestedMiB: null, path: "" } as const;

  it("say plainly what the guest lacks: hot-plug, a NUMA cell, a free slot, room under the limit, the cell", () => {
    expect(() => memoryCodec.create(dimm, ctxFor(plain()))).toThrow(/Memory page set a hot-plug limit and the number of slots/);
    const noCell = kernel();
    noCell.cpu.numaCells.clear();
    expect(() => memoryCodec.create(dimm, ctxFor(noCell))).toThrow(/need a NUMA cell/);
    const full = devices();
    full.maxMemorySlots = 4;
    expect(() => memoryCodec.create(dimm, ctxFor(full))).toThrow(/All 4 memory slots are in use/);
    expect(() => memoryCodec.create({ ...dimm, sizeMiB: 4096 }, ctxFor(devices()))).toThrow(
      expect.objectContaining({ fields: { "values.sizeMiB": expect.stringMatching(/At most 1280 MiB are left/) } }),
    );
    expect(() => memoryCodec.create({ ...dimm, node: 1 }, ctxFor(devices()))).toThrow(
      expect.objectContaining({ fields: { "values.node": "The guest has NUMA cells 0 to 0" } }),
    );
  });

  it("virtio-mem sizes are whole blocks and it is asked for at most its size; persistent memory names its file", () => {
    const mem = { model: "virtio-mem", sizeMiB: 1025, node: 0, requestedMiB: 2048 };
    expect(issues(memoryDeviceSchema.safeParse(mem))).toEqual({
      sizeMiB: "A multiple of the 2 MiB block size",
      requestedMiB: "At most the size",
    });
    expect(issues(memoryDeviceSchema.safeParse({ model: "virtio-pmem", sizeMiB: 64 }))).toEqual({
      path: "Enter the host file that backs it",
    });
  });

  it("the running guest's copy reads the same but for what the guest plugged, which the summary shows", () => {
    const live = Domain.parse(readFixture("domain-live-memory-in.xml")).devices.memories.at(0)!;
    expect(memoryCodec.values(live)).toEqual({ model: "virtio-mem", sizeMiB: 256, node: 0, requestedMiB: 128, path: "" });
    expect(inEnglish(memoryCodec.describe(live))).toEqual({
      title: "virtio-mem 256 MiB",
      summary: "the guest is asked to use 128 MiB, 0 MiB plugged, NUMA cell 0",
    });
  });
});

describe("memory hot-plug on the Memory page", () => {
  it("turning it on gives a guest without NUMA one cell with every vCPU and the boot memory", () => {
    const dom = plain();
    expect(dom.cpu.numaCells.length).toBe(0);
    dom.setMaxVcpus(2);
    dom.enableMemoryHotplug(2 * 1024 * 1024, 4);
    expect(dom.cpu.numaCells.map((c) => [c.id, c.cpus, c.memoryKiB])).toEqual([[0, "0-1", dom.memoryKiB]]);
    dom.setMaxVcpus(3);
    expect(dom.cpu.numaCells.at(0)!.cpus).toBe("0-2");
    expect(memoryView(dom, 0)).toMatchObject({ hotplugMiB: 2048, slots: 4, numaCells: 1, devicesMiB: 0 });
    dom.disableMemoryHotplug();
    expect(dom.toXml()).not.toContain("<maxMemory");
  });

  it("the maximum allocation is the boot memory: memory devices are counted apart, one cell follows it", () => {
    const dom = devices();
    expect(memoryView(dom, 0)).toMatchObject({ maxMiB: 512, devicesMiB: 2304, hotplugMiB: 4096, slots: 16, numaCells: 1 });
    expect(dom.setBootMemoryKiB(768 * 1024)).toBe(true);
    expect(dom.cpu.numaCells.at(0)!.memoryKiB).toBe(768 * 1024);
    expect(dom.memoryKiB).toBe((768 + 2304) * 1024);
    // Two cells cannot be told apart here: a new boot memory is refused, the same one is fine.
    dom.cpu.numaCells.add(new GuestNumaCell({ id: 1, cpus: "1", memoryKiB: 256 * 1024 }));
    expect(dom.setBootMemoryKiB(512 * 1024)).toBe(false);
    expect(dom.setBootMemoryKiB(768 * 1024)).toBe(true);
  });

  it("the schema wants room above the maximum and a number of slots; empty switches it off", () => {
    const base = { etag: "e", currentMiB: 256, maxMiB: 512 };
    expect(issues(memorySchema.safeParse({ ...base, hotplugMiB: 512, slots: "" }))).toEqual({
      hotplugMiB: expect.stringMatching(/room above/),
      slots: expect.any(String),
    });
    expect(memorySchema.parse({ ...base, hotplugMiB: "", slots: "" })).toMatchObject({ hotplugMiB: null, slots: null });
    expect(memorySchema.parse(base).hotplugMiB).toBeUndefined();
  });
});
