import { describe, expect, it } from "vitest";

import { OsinfoParseError, parseOsXml } from "@/lib/osinfo";

import { byShortId, fixtureDb } from "./fixture-db";

describe("reading an osinfo-db tree", () => {
  it("lists every OS with its identity fields, ignoring translations", () => {
    const db = fixtureDb();
    expect(db.entries.map((os) => os.shortId).sort()).toEqual(["base1", "derived2", "legacy0"]);
    expect(byShortId("base1")).toMatchObject({
      id: "http://example.org/base/1",
      name: "Base OS 1",
      vendor: "Example",
      family: "linux",
      distro: "baseos",
      version: "1",
      codename: "first",
      releaseDate: "2020-01-01",
      eolDate: "2021-01-01",
    });
    expect(db.skippedFiles).toEqual([]);
  });

  it("finds an OS by URI or by any of its short ids", () => {
    const db = fixtureDb();
    expect(db.get("http://example.org/derived/2")?.shortId).toBe("derived2");
    expect(db.get("derivedtwo")?.shortIds).toEqual(["derived2", "derivedtwo"]);
    expect(db.get("nope")).toBeUndefined();
  });

  it("inherits devices through derives-from, minus those a descendant marks unsupported, with catalogue names", () => {
    const derived = byShortId("derived2");
    expect(derived.derivesFrom).toBe("http://example.org/base/1");
    expect(derived.devices.map((device) => device.id).sort()).toEqual([
      "http://pcisig.com/pci/1af4/1000",
      "http://pcisig.com/pci/1af4/1001",
      "http://pcisig.com/pci/1af4/1050",
    ]);
    expect(derived.devices.find((device) => device.id.endsWith("1050"))).toMatchObject({ name: "virtio1.0-gpu", deviceClass: "video" });
  });

  it("inherits firmware rules per (arch, type), the nearest declaration winning", () => {
    expect(byShortId("derived2").firmware).toEqual(
      expect.arrayContaining([
        { arch: "x86_64", type: "bios", supported: false },
        { arch: "x86_64", type: "efi", supported: true },
      ]),
    );
    expect(byShortId("legacy0").firmware).toEqual([]);
  });

  it("takes <resources> from the nearest OS that declares any, and never inherits media or trees", () => {
    expect(byShortId("derived2").resources.map((block) => block.arch)).toEqual(["all", "x86_64"]);
    expect(byShortId("legacy0").resources).toEqual([]);
    expect(byShortId("derived2").media).toHaveLength(3);
    expect(byShortId("base1").media).toHaveLength(1);
  });
});

// Broken trees, a missing tree and the cache are tested in inheritance-and-ranking.test.ts.
describe("malformed input", () => {
  it("fails with the file name for truncated XML", () => {
    expect(() => parseOsXml("<libosinfo><os id='x'>", "broken.xml")).toThrow(OsinfoParseError);
    expect(() => parseOsXml("<libosinfo><os id='x'>", "broken.xml")).toThrow(/^broken\.xml: /);
  });

  it("ignores comments, installer details and look-alike tags such as <kernel-url-argument>", () => {
    const xml = `<libosinfo><os id="http://example.org/x/1"><short-id>x1</short-id><name>X</name>
      <!-- <media arch="i686"><iso><volume-id>COMMENTED</volume-id></iso></media> -->
      <kernel-url-argument>inst.repo</kernel-url-argument>
      <installer><script id="http://example.org/script"/></installer>
      <media arch="x86_64"><url>http://example.org/x.iso</url><iso><volume-id>X1</volume-id></iso><kernel>vmlinuz</kernel></media>
    </os></libosinfo>`;
    const [os] = parseOsXml(xml, "x.xml");
    expect(os.media).toEqual([{ arch: "x86_64", variants: [], live: false, iso: { volumeId: "X1" } }]);
  });

  it("rejects a document that is not <libosinfo> and an <os> without an id", () => {
    expect(() => parseOsXml("<html/>", "page.html")).toThrow(/page\.html: root element is not <libosinfo>/);
    expect(() => parseOsXml("<libosinfo><os><short-id>x</short-id></os></libosinfo>", "noid.xml")).toThrow(/noid\.xml: <os> without an id/);
  });
});
