import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { NotAnIsoError, readIsoIdentity, readIsoIdentityFromFile } from "@/lib/osinfo";

import { buildIsoHeader } from "./iso-header";

describe("readIsoIdentity", () => {
  it("reads the four identifiers and the size from a hand-built PVD", () => {
    const header = buildIsoHeader({
      systemId: "LINUX",
      volumeId: "Fedora-S-dvd-x86_64-37",
      publisherId: "FEDORA PROJECT",
      applicationId: "GENISOIMAGE ISO 9660/HFS FILESYSTEM CREATOR",
      volumeBlocks: 12345,
    });
    expect(readIsoIdentity(header)).toEqual({
      systemId: "LINUX",
      volumeId: "Fedora-S-dvd-x86_64-37",
      publisherId: "FEDORA PROJECT",
      applicationId: "GENISOIMAGE ISO 9660/HFS FILESYSTEM CREATOR",
      volumeSizeBytes: 12345 * 2048,
    });
  });

  it("keeps inner spaces and strips NUL padding", () => {
    const identity = readIsoIdentity(buildIsoHeader({ volumeId: "Debian 12.5.0 amd64 n", padding: "\0" }));
    expect(identity.volumeId).toBe("Debian 12.5.0 amd64 n");
    expect(identity.systemId).toBe("");
  });

  it("skips descriptors that come before the PVD", () => {
    expect(readIsoIdentity(buildIsoHeader({ volumeId: "AFTER_BOOT_RECORD" }, [0])).volumeId).toBe("AFTER_BOOT_RECORD");
  });

  it("accepts a Uint8Array view into a larger buffer (a chunk from a volume download)", () => {
    const header = buildIsoHeader({ volumeId: "VIEW" });
    const bigger = new Uint8Array(header.length + 10);
    bigger.set(header, 10);
    expect(readIsoIdentity(bigger.subarray(10)).volumeId).toBe("VIEW");
  });

  it("rejects data without the CD001 signature", () => {
    expect(() => readIsoIdentity(Buffer.alloc(64 * 1024))).toThrow(NotAnIsoError);
  });

  it("rejects a header too short to hold the PVD", () => {
    expect(() => readIsoIdentity(buildIsoHeader({ volumeId: "X" }).subarray(0, 16 * 2048 + 100))).toThrow(/need at least/);
  });

  it("rejects a descriptor set with no PVD before the terminator", () => {
    const header = buildIsoHeader({ volumeId: "X" });
    header[16 * 2048] = 255;
    expect(() => readIsoIdentity(header)).toThrow(/no Primary Volume Descriptor/);
  });

  it("reads only the header of a local file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "osinfo-iso-"));
    try {
      const file = path.join(dir, "fake.iso");
      await writeFile(file, Buffer.concat([buildIsoHeader({ volumeId: "FROM_FILE" }), Buffer.alloc(1024 * 1024)]));
      expect((await readIsoIdentityFromFile(file)).volumeId).toBe("FROM_FILE");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
