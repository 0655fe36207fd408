import { describe, expect, it } from "vitest";
import { availableActions, bulkApplies, primaryAction } from "@/components/guests/actions-model";
import { filterGuests, stateCounts } from "@/components/guests/table-model";
import type { GuestRow } from "@/lib/guests/types";
import { cloneDomainXml } from "@/lib/guests/clone-xml";
import { SEED_ALIAS } from "@/lib/new-guest/cloud-init";
import { backingUsers, dependentsOf, namesList } from "@/lib/templates/backing-chains";
import { CONSOLE_TAGS_NS, CONSOLE_TEMPLATE_NS, consoleTemplateElement, Domain, parseConsoleTemplate } from "@/lib/xml";

describe("the template mark", () => {
  it("writes and reads the element with its date", () => {
    const el = consoleTemplateElement(new Date("2026-12-05T08:00:00.000Z"));
    expect(el).toBe('<template since="2026-12-05T08:00:00.000Z"/>');
    expect(parseConsoleTemplate(`<console:template xmlns:console="${CONSOLE_TEMPLATE_NS}" since="2026-12-05T08:00:00.000Z"/>`)).toEqual({
      since: "2026-12-05T08:00:00.000Z",
    });
    expect(parseConsoleTemplate("<template since='yesterday'></template>")).toEqual({ since: null });
    expect(parseConsoleTemplate("")).toBeNull();
    expect(parseConsoleTemplate(null)).toBeNull();
  });
});

describe("backing chains from bulk stats", () => {
  const records = [
    // shut off: the chain is listed layer by layer under the same disk name, no backingIndex
    {
      uuid: "a",
      name: "clone-a",
      stats: {
        "block.count": 3,
        "block.0.name": "vda",
        "block.0.path": "/i/a.qcow2",
        "block.1.name": "vda",
        "block.1.path": "/i/tpl.qcow2",
        "block.2.name": "vdb",
        "block.2.path": "/i/data.img",
      },
    },
    // running: backingIndex says so
    {
      uuid: "b",
      name: "clone-b",
      stats: {
        "block.count": 2,
        "block.0.name": "vda",
        "block.0.path": "/i/b.qcow2",
        "block.1.name": "vda",
        "block.1.path": "/i/tpl.qcow2",
        "block.1.backingIndex": 1,
      },
    },
    { uuid: "t", name: "tpl", stats: { "block.count": 1, "block.0.name": "vda", "block.0.path": "/i/tpl.qcow2" } },
    // running with a raw disk: the same file listed twice is no backing file
    {
      uuid: "r",
      name: "raw",
      stats: { "block.count": 2, "block.0.name": "vda", "block.0.path": "/i/raw.img", "block.1.name": "vda", "block.1.path": "/i/raw.img" },
    },
  ];

  it("maps each base image to the guests built on it, and never a disk to its own guest", () => {
    const users = backingUsers(records);
    expect([...users.keys()]).toEqual(["/i/tpl.qcow2"]);
    expect(dependentsOf(users, ["/i/tpl.qcow2"], "t").map((u) => u.name)).toEqual(["clone-a", "clone-b"]);
    expect(dependentsOf(users, ["/i/data.img", "/i/a.qcow2"])).toEqual([]);
    expect(namesList(dependentsOf(users, ["/i/tpl.qcow2"]))).toBe("clone-a and clone-b");
  });
});

describe("a linked clone's definition", () => {
  const template = `<domain type='kvm'><name>tpl</name><uuid>11111111-2222-3333-4444-555555555555</uuid>
    <metadata><console:template xmlns:console="${CONSOLE_TEMPLATE_NS}" since="2026-12-05T08:00:00.000Z"/><console:tags xmlns:console="${CONSOLE_TAGS_NS}"><console:tag>web</console:tag></console:tags></metadata>
    <memory unit='KiB'>262144</memory><currentMemory unit='KiB'>262144</currentMemory><vcpu>1</vcpu><os><type>hvm</type></os>
    <devices><disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/i/tpl.img'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><mac address='52:54:00:00:00:01'/><source network='default'/></interface></devices></domain>`;

  it("points the disk at a qcow2 overlay with the template's disk as backing store, with new sizes and no template mark", () => {
    const xml = cloneDomainXml(template, {
      name: "web1",
      disks: [{ target: "vda", path: "/i/web1.qcow2", backing: { path: "/i/tpl.img", format: "raw" } }],
      vcpus: 2,
      memoryMiB: 512,
      dropMetadata: [CONSOLE_TEMPLATE_NS],
      extraDisks: ["<disk type='file' device='cdrom'><source file='/i/seed.iso'/><target dev='sda' bus='sata'/><readonly/></disk>"],
    });
    const dom = Domain.parse(xml);
    const [disk, seed] = dom.devices.disks.items;
    expect([disk.driverType, disk.sourceFile]).toEqual(["qcow2", "/i/web1.qcow2"]);
    expect(xml).toMatch(
      /<backingStore type='file'>\s*<format type='raw'\/>\s*<source file='\/i\/tpl.img'\/>\s*<\/backingStore>\s*<target dev='vda'/,
    );
    expect(seed.sourceFile).toBe("/i/seed.iso");
    expect([dom.name, dom.uuid, dom.vcpus, dom.memoryKiB, dom.currentMemoryKiB]).toEqual(["web1", undefined, 2, 512 * 1024, 512 * 1024]);
    expect(dom.devices.interfaces.items[0].mac).toBeUndefined();
    expect(xml).not.toContain(CONSOLE_TEMPLATE_NS);
    expect(xml).toContain(CONSOLE_TAGS_NS);
  });

  it("puts a new seed in place of the template's own (a template made from a seeded guest)", () => {
    const seed = (file: string, dev: string) =>
      `<disk type='file' device='cdrom'><source file='${file}'/><target dev='${dev}' bus='sata'/><readonly/><alias name='${SEED_ALIAS}'/></disk>`;
    const seeded = template.replace("</devices>", `${seed("/i/tpl-cidata.iso", "sda")}</devices>`);
    const xml = cloneDomainXml(seeded, {
      name: "web2",
      disks: [
        { target: "vda", path: "/i/web2.qcow2" },
        { target: "sda", share: true },
      ],
      extraDisks: [seed("/i/web2-cidata.iso", "sdb")],
    });
    const disks = Domain.parse(xml).devices.disks.items;
    expect(disks.map((d) => [d.targetDev, d.sourceFile])).toEqual([
      ["vda", "/i/web2.qcow2"],
      ["sdb", "/i/web2-cidata.iso"],
    ]);
  });
});

describe("templates in the guest list", () => {
  const base = {
    hostId: "h",
    title: null,
    tags: [],
    stateReason: "",
    persistent: true,
    autostart: false,
    hasManagedSave: false,
    vcpus: 1,
    memoryKiB: 1024,
  };
  const stats = { cpuPercent: null, memoryPercent: null, diskBytesPerSec: null, netBytesPerSec: null, runningSince: null, ipAddresses: [] };
  const rows: GuestRow[] = [
    { ...base, ...stats, uuid: "1", name: "tpl", template: true, state: "shutoff" },
    { ...base, ...stats, uuid: "2", name: "off", template: false, state: "shutoff" },
    { ...base, ...stats, uuid: "3", name: "on", template: false, state: "running" },
  ];

  it("counts templates apart from shut-off guests and filters them on their own", () => {
    const counts = stateCounts(rows);
    expect([counts.templates, counts.states.get("shutoff"), counts.states.get("running")]).toEqual([1, 1, 1]);
    const names = (f: Parameters<typeof filterGuests>[1]) => filterGuests(rows, f, new Map()).map((g) => g.name);
    expect(names({ search: "", states: ["shutoff"] })).toEqual(["off"]);
    expect(names({ search: "", states: [], templates: true })).toEqual(["tpl"]);
    expect(names({ search: "", states: [] })).toEqual(["tpl", "off", "on"]);
  });

  it("offers no start for a template", () => {
    expect(availableActions("shutoff", true)).toEqual([]);
    expect(primaryAction("shutoff", true)).toBeNull();
    expect(bulkApplies("start", "shutoff", true)).toBe(false);
    expect(availableActions("shutoff")).toEqual(["start"]);
  });
});
