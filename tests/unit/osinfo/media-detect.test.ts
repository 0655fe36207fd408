import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { detectFromIsoFile, detectFromIsoHeader, matchMedia, readIsoIdentity } from "@/lib/osinfo";

import { fixtureDb } from "./fixture-db";
import { buildIsoHeader as isoHeader } from "./iso-header";

// The PVD reader itself is tested in iso9660.test.ts; here only the rule matching on the fixture tree.
describe("matching media rules", () => {
  const db = fixtureDb();
  const detect = (fields: Parameters<typeof isoHeader>[0], arch?: string) =>
    detectFromIsoHeader(db, isoHeader(fields), { arch })?.os.shortId;

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
    const matches = matchMedia(
      db,
      readIsoIdentity(isoHeader({ volumeId: "BASE1 x86_64 DERIVED2", systemId: "LINUX", publisherId: "EXAMPLE" })),
    );
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
