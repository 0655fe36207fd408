// libvirt's own domain XML test corpus (tests/qemuxml2xmloutdata of the libvirt 9.0 source package,
// fetched by scripts/libvirt/fetch-xml-corpus.sh; scripts/test.sh runs it first): every document comes
// back byte for byte, every element under <devices> is a modelled device, and each kind's values read
// the same after a round trip.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  Audio,
  type Device,
  Domain,
  Hub,
  Iommu,
  Lease,
  MemoryDevice,
  Nvram,
  Redirfilter,
  Shmem,
  Vsock,
  childElements,
  snapshotModel,
} from "@/lib/xml";

const CORPUS = path.resolve(__dirname, "../../../.cache/libvirt-protocol/corpus/qemuxml2xmloutdata");

function loadCorpus(): { file: string; xml: string; dom: Domain }[] {
  if (!existsSync(CORPUS))
    throw new Error("run scripts/libvirt/fetch-xml-corpus.sh first: libvirt's XML corpus is not in .cache/libvirt-protocol");
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith(".xml"))
    .sort()
    .map((file) => {
      const xml = readFileSync(path.join(CORPUS, file), "utf8");
      return { file, xml, dom: Domain.parse(xml) };
    });
}

const corpus = loadCorpus();

/** The kinds lib/xml once skipped, each with what every such device in the corpus must read. */
const kinds: { tag: string; reads: (device: Device) => unknown }[] = [
  { tag: "audio", reads: (d) => d instanceof Audio && d.type },
  { tag: "memory", reads: (d) => d instanceof MemoryDevice && d.model && d.targetSizeKiB },
  { tag: "iommu", reads: (d) => d instanceof Iommu && d.model },
  { tag: "vsock", reads: (d) => d instanceof Vsock && d.cidAuto !== undefined },
  { tag: "shmem", reads: (d) => d instanceof Shmem && d.name && d.modelType },
  { tag: "hub", reads: (d) => d instanceof Hub && d.type === "usb" },
  {
    tag: "redirfilter",
    reads: (d) => d instanceof Redirfilter && d.usbdevs.length > 0 && d.usbdevs.items.every((u) => u.allow !== undefined),
  },
  { tag: "nvram", reads: (d) => d instanceof Nvram && d.address.type === "spapr-vio" },
  { tag: "lease", reads: (d) => d instanceof Lease && d.key && d.targetPath },
];

describe(`libvirt's XML corpus (${corpus.length} domains)`, () => {
  it("has the domains (a broken extraction would make every other check pass on nothing)", () => {
    expect(corpus.length).toBeGreaterThan(500);
  });

  it("every document comes back byte for byte", () => {
    expect(corpus.filter((c) => c.dom.toXml() !== c.xml).map((c) => c.file)).toEqual([]);
  });

  it("devices.all() returns every element under <devices> but <emulator>, in document order", () => {
    const skipped = corpus.flatMap(({ file, dom }) => {
      const element = dom.devices.xmlElement(false);
      const expected = element ? childElements(element).filter((e) => e.tagName !== "emulator") : [];
      const all = dom.devices.all().map((d) => d.xmlElement(false));
      return expected.every((e, i) => all[i] === e) && all.length === expected.length ? [] : [file];
    });
    expect(skipped).toEqual([]);
  });

  it.each(kinds)("<$tag>: read by its model in every document that has one, the same after a round trip", ({ tag, reads }) => {
    const withKind = corpus.filter(({ dom }) => (dom.devices.ofKind(tag)?.length ?? 0) > 0);
    expect(withKind.length).toBeGreaterThan(0);
    for (const { file, dom } of withKind) {
      const devices = dom.devices.ofKind(tag)!.items;
      for (const device of devices) expect(reads(device), `${file}: a <${tag}> its model does not read`).toBeTruthy();
      const again = Domain.parse(dom.toXml()).devices.ofKind(tag)!.items;
      expect(again.map(snapshotModel), file).toEqual(devices.map(snapshotModel));
    }
  });

  it("sound devices name their audio backend by id, and the backend with that id exists", () => {
    const linked = corpus.flatMap(({ dom }) => dom.devices.sounds.filter((s) => s.audioId !== undefined).map((s) => ({ s, dom })));
    expect(linked.length).toBeGreaterThan(0);
    for (const { s, dom } of linked) expect(dom.devices.audios.find((a) => a.id === s.audioId)).toBeDefined();
  });
});
