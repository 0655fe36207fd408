import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { NotAnIsoError, detectFromIsoFile, detectFromIsoHeader, matchMedia, readIsoIdentity, readIsoIdentityFromFile } from "@/lib/osinfo";

import { fixtureDb, isoHeader } from "./fixture-db";

describe("ISO 9660 Primary Volume Descriptor", () => {
  it("reads system, volume, publisher and application ids with padding trimmed, and the volume size", () => {
    const header = isoHeader({ systemId: "LINUX", volumeId: "BASE1 x86_64", publisherId: "EXAMPLE", applicationId: "MKISOFS", volumeBlocks: 512 });
    expect(readIsoIdentity(header)).toEqual({
      systemId: "LINUX",
      volumeId: "BASE1 x86_64",
      publisherId: "EXAMPLE",
      applicationId: "MKISOFS",
      volumeSizeBytes: 512 * 2048,
    });
  });

  it("skips descriptors that come before the PVD (a boot record)", () => {
    expect(readIsoIdentity(isoHeader({ volumeId: "AFTER_BOOT" }, { bootRecordFirst: true })).volumeId).toBe("AFTER_BOOT");
  });

  it("accepts a Uint8Array view into a larger buffer, as a stream read may deliver", () => {
    const header = isoHeader({ volumeId: "VIEW" });
    const larger = Buffer.concat([Buffer.alloc(7), header]);
    expect(readIsoIdentity(new Uint8Array(larger.buffer, larger.byteOffset + 7, header.length)).volumeId).toBe("VIEW");
  });

  it("rejects data that is not an ISO, and headers too short to hold the PVD, with clear errors", () => {
    expect(() => readIsoIdentity(Buffer.alloc(64 * 1024))).toThrow(NotAnIsoError);
    expect(() => readIsoIdentity(Buffer.alloc(64 * 1024))).toThrow(/no "CD001" signature/);
    expect(() => readIsoIdentity(Buffer.alloc(100))).toThrow(/need at least 34816 bytes, got 100/);
  });

  it("reads only the header of a local file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "osinfo-pvd-"));
    const file = path.join(dir, "fake.iso");
    writeFileSync(file, isoHeader({ volumeId: "FROM_FILE", systemId: "LINUX" }));
    await expect(readIsoIdentityFromFile(file)).resolves.toMatchObject({ volumeId: "FROM_FILE", systemId: "LINUX" });
    writeFileSync(file, "tiny");
    await expect(readIsoIdentityFromFile(file)).rejects.toThrow(NotAnIsoError);
  });
});

describe("matching media rules", () => {
  const db = fixtureDb();
  const detect = (fields: Parameters<typeof isoHeader>[0], arch?: string) => detectFromIsoHeader(db, isoHeader(fields), { arch })?.os.shortId;

  it("prefers the rule that pins more identifiers", () => {
    // base1's rule (volume + system id) beats derived2's volume-id-only rule on the same volume id.
    expect(detect({ volumeId: "BASE1 x86_64", systemId: "LINUX" })).toBe("base1");
    // derived2's three-field rule beats base1's two-field one.
    expect(detect({ volumeId: "BASE1 x86_64 DERIVED2", systemId: "LINUX", publisherId: "EXAMPLE" })).toBe("derived2");
  });

  it("requires every identifier of a rule to match", () => {
    // Without the system id only the volume-id-only rule of derived2 is left.
    expect(detect({ volumeId: "BASE1 x86_64" })).toBe("derived2");
    expect(detect({ volumeId: "SOMETHING ELSE", systemId: "LINUX" })).toBeUndefined();
  });

  it("reports the matched rule, its arch and variants, one entry per OS", () => {
    const matches = matchMedia(db, readIsoIdentity(isoHeader({ volumeId: "BASE1 x86_64 DERIVED2", systemId: "LINUX", publisherId: "EXAMPLE" })));
    expect(matches.map((match) => [match.os.shortId, match.score])).toEqual([
      ["derived2", 3],
      ["base1", 2],
    ]);
    expect(matches[0].media).toMatchObject({ arch: "x86_64", variants: ["server"] });
  });

  it("filters by architecture when one is asked for", () => {
    expect(detect({ volumeId: "BASE1 aarch64" })).toBe("derived2");
    expect(detect({ volumeId: "BASE1 aarch64" }, "x86_64")).toBeUndefined();
    expect(detect({ volumeId: "BASE1 aarch64" }, "aarch64")).toBe("derived2");
  });

  it("checks <volume-size> exactly when a rule has one", () => {
    expect(detect({ volumeId: "LEGACY CD", volumeBlocks: 512 })).toBe("legacy0");
    expect(detect({ volumeId: "LEGACY CD", volumeBlocks: 513 })).toBeUndefined();
  });

  it("detects from a local file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "osinfo-media-"));
    const file = path.join(dir, "base.iso");
    writeFileSync(file, isoHeader({ volumeId: "BASE1 x86_64", systemId: "LINUX" }));
    expect((await detectFromIsoFile(db, file))?.os.shortId).toBe("base1");
  });
});
