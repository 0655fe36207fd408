import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  OsinfoParseError,
  capabilitiesFor,
  clearOsinfoDbCache,
  loadOsinfoDb,
  matchMedia,
  parseOsXml,
  readIsoIdentity,
  readOsinfoDb,
  resourcesFor,
  suggestedResources,
} from "@/lib/osinfo";

import { buildIsoHeader } from "./iso-header";

const DB_ROOT = path.resolve(__dirname, "../../fixtures/osinfo/db");
const db = readOsinfoDb(DB_ROOT);

function entry(shortId: string) {
  const os = db.get(shortId);
  if (!os) throw new Error(`fixture ${shortId} missing`);
  return os;
}

describe("loading a tree (tests/fixtures/osinfo/db)", () => {
  it("indexes by URI and every short id, ignoring the .d driver folder", () => {
    expect(db.entries.map((os) => os.shortId).sort()).toEqual(["exampleos1", "exampleos2", "exampletpm1", "examplewin10", "examplewin11"]);
    expect(db.get("exampleosfirst")).toBe(entry("exampleos1"));
    expect(db.get("http://example.org/exampleos/2")?.name).toBe("Example OS 2");
  });

  it("reads untranslated names and all header fields", () => {
    expect(entry("exampleos1")).toMatchObject({
      name: "Example OS 1",
      vendor: "Example Project",
      family: "linux",
      distro: "exampleos",
      version: "1",
      codename: "first",
      releaseDate: "2019-06-01",
      eolDate: "2022-06-30",
    });
  });

  it("takes resources from the nearest ancestor that declares any", () => {
    expect(entry("exampleos2").resources).toBe(entry("exampleos1").resources);
    expect(entry("examplewin11").resources).not.toEqual(entry("examplewin10").resources);
  });

  it("falls back field by field from the arch block to the 'all' block", () => {
    const x86 = resourcesFor(entry("exampleos2"), "x86_64");
    expect(x86.minimum).toEqual({ nCpus: 1, cpuHz: 1_000_000_000, ramBytes: 1073741824, storageBytes: 4294967296 });
    expect(x86.maximum).toEqual({ ramBytes: 68719476736 });
    expect(resourcesFor(entry("exampleos2"), "s390x").minimum.ramBytes).toBe(536870912);
    expect(suggestedResources(entry("exampleos1"), "x86_64")).toEqual({ ramBytes: 1073741824, nCpus: 2, storageBytes: 10737418240 });
  });

  it("unions devices down the chain and honours supported=false", () => {
    const ids = entry("exampleos2").devices.map((device) => device.id);
    expect(ids).toContain("http://pcisig.com/pci/1af4/1001");
    expect(ids).toContain("http://pcisig.com/pci/1af4/1042");
    expect(ids).not.toContain("http://pcisig.com/pci/1b36/0100");
    expect(entry("exampleos2").devices.find((device) => device.id.endsWith("1042"))).toMatchObject({
      name: "virtio1.0-block",
      deviceClass: "block",
    });
  });

  it("merges firmware per arch and type, nearest declaration first", () => {
    expect(capabilitiesFor(entry("exampleos1"), "x86_64")).toMatchObject({ uefiSupported: true, uefiRequired: false });
    expect(capabilitiesFor(entry("exampleos2"), "x86_64")).toMatchObject({ uefiSupported: true, uefiRequired: true });
    expect(capabilitiesFor(entry("exampleos2"), "aarch64").uefiSupported).toBe(false);
  });

  it("derives q35, virtio, video and TPM from the device list", () => {
    expect(capabilitiesFor(entry("exampleos1"))).toMatchObject({
      virtioDisk: true,
      virtioNet: true,
      virtio1: false,
      q35: false,
      videoModel: "qxl",
    });
    // Linux with virtio 1.0 drivers gets virtio-gpu even where osinfo does not link it.
    expect(capabilitiesFor(entry("exampleos2"))).toMatchObject({ virtio1: true, q35: true, videoModel: "virtio" });
    expect(capabilitiesFor(entry("examplewin11"))).toMatchObject({ q35: true, tpmRequired: true, uefiRequired: true, virtioDisk: false });
    expect(capabilitiesFor(entry("examplewin10")).tpmRequired).toBe(false);
    expect(capabilitiesFor(entry("exampletpm1")).tpmRequired).toBe(true);
  });
});

describe("ranking media matches", () => {
  const identity = (volumeId: string, more: { systemId?: string; publisherId?: string } = {}) =>
    readIsoIdentity(buildIsoHeader({ volumeId, ...more }));

  it("prefers the rule that pins more identifiers", () => {
    const [best] = matchMedia(db, identity("EXAMPLE 2.1 x86_64", { systemId: "LINUX", publisherId: "EXAMPLE PROJECT" }));
    expect(best.os.shortId).toBe("exampleos2");
    expect(best.score).toBe(3);
    expect(best.media.variants).toEqual(["server"]);
  });

  it("falls back to the generic rule when an extra identifier differs", () => {
    const [best] = matchMedia(db, identity("EXAMPLE 2.1 x86_64", { systemId: "WIN32" }));
    expect(best).toMatchObject({ score: 1 });
    expect(best.media.variants).toEqual([]);
  });

  it("picks the successor when two releases share one pattern, and lists both", () => {
    const matches = matchMedia(db, identity("CCCOMA_X64FRE_EN-US_DV9", { publisherId: "EXAMPLE CORPORATION" }));
    expect(matches.map((match) => match.os.shortId)).toEqual(["examplewin11", "examplewin10"]);
  });

  it("filters rules by architecture", () => {
    expect(matchMedia(db, identity("EXAMPLE 1.4 arm64"))[0].ruleArch).toBe("aarch64");
    expect(matchMedia(db, identity("EXAMPLE 1.4 arm64"), { arch: "x86_64" })).toEqual([]);
  });

  it("matches nothing for unknown media", () => {
    expect(matchMedia(db, identity("SOMETHING ELSE"))).toEqual([]);
  });
});

describe("malformed input", () => {
  it("parseOsXml throws OsinfoParseError naming the source", () => {
    expect(() => parseOsXml("<libosinfo><os id='x'>", "bad.xml")).toThrow(OsinfoParseError);
    expect(() => parseOsXml("<libosinfo><os id='x'>", "bad.xml")).toThrow(/bad\.xml/);
    expect(() => parseOsXml("<other/>", "wrong-root.xml")).toThrow(/not <libosinfo>/);
    expect(() => parseOsXml("<libosinfo><os><short-id>x</short-id></os></libosinfo>", "no-id.xml")).toThrow(/without an id/);
  });

  it("the loader skips a broken file, reports it and keeps the rest", () => {
    const broken = readOsinfoDb(path.resolve(__dirname, "../../fixtures/osinfo/db-broken"));
    expect(broken.entries.map((os) => os.shortId)).toEqual(["exampletpm1"]);
    expect(broken.skippedFiles).toHaveLength(1);
    expect(broken.skippedFiles[0].file).toMatch(/broken\.xml$/);
  });

  it("a missing tree is an error that says what to install", () => {
    expect(() => readOsinfoDb("/nonexistent/osinfo")).toThrow(/osinfo-db/);
  });

  it("loadOsinfoDb caches per root until cleared", async () => {
    const first = await loadOsinfoDb(DB_ROOT);
    expect(await loadOsinfoDb(DB_ROOT)).toBe(first);
    clearOsinfoDbCache();
    expect(await loadOsinfoDb(DB_ROOT)).not.toBe(first);
  });
});
