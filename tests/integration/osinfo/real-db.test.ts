// lib/osinfo against Debian's real osinfo-db (/usr/share/osinfo, package osinfo-db 0.20221130:
// newest entries are debian11/debiantesting, fedora37, rhel9.1, ubuntu22.10, alpinelinux3.17, win11).
import { beforeAll, describe, expect, it } from "vitest";

import { capabilitiesFor, guestProfile, loadOsinfoDb, resourcesFor, searchOs, type OsEntry, type OsinfoDb } from "@/lib/osinfo";

const GIB = 1024 ** 3;
let db: OsinfoDb;

beforeAll(async () => {
  db = await loadOsinfoDb();
});

function os(shortId: string): OsEntry {
  const entry = db.get(shortId);
  if (!entry) throw new Error(`${shortId} is not in /usr/share/osinfo`);
  return entry;
}

describe("the real osinfo-db", () => {
  it("loads every OS file without skipping any, in reasonable time", () => {
    expect(db.skippedFiles).toEqual([]);
    expect(db.entries.length).toBeGreaterThan(700);
    // Measured about 0.5–0.8 s on the 2-core test machine; cached for the process afterwards.
    expect(db.loadMillis).toBeLessThan(10_000);
    expect(new Set(db.entries.map((entry) => entry.id)).size).toBe(db.entries.length);
  });

  it("has media and tree patterns that all compile as JavaScript regexes", () => {
    // rule-matching.ts treats a pattern JavaScript cannot compile as "never matches"; none may be lost that way.
    const patterns = db.entries
      .flatMap((entry) => [
        ...entry.media.flatMap((media) => [media.iso.volumeId, media.iso.systemId, media.iso.publisherId, media.iso.applicationId]),
        ...entry.trees.flatMap((tree) => [tree.family, tree.version, tree.arch, tree.variant]),
      ])
      .filter((pattern): pattern is string => pattern !== undefined);
    expect(patterns.length).toBeGreaterThan(5000);
    const invalid = patterns.filter((pattern) => {
      try {
        new RegExp(pattern);
        return false;
      } catch {
        return true;
      }
    });
    expect(invalid).toEqual([]);
  });

  it("has the identity fields of known entries", () => {
    expect(os("debian11")).toMatchObject({
      id: "http://debian.org/debian/11",
      name: "Debian 11",
      vendor: "Debian Project",
      family: "linux",
      distro: "debian",
      version: "11",
      codename: "bullseye",
      releaseDate: "2021-08-14",
    });
    expect(db.get("debianbullseye")).toBe(os("debian11"));
    expect(os("win11")).toMatchObject({
      id: "http://microsoft.com/win/11",
      name: "Microsoft Windows 11",
      family: "winnt",
      distro: "win",
      version: "11.0",
      derivesFrom: "http://microsoft.com/win/10",
    });
    expect(os("win10")).toMatchObject({ name: "Microsoft Windows 10", eolDate: "2029-01-09" });
    expect(os("ubuntu22.04")).toMatchObject({ name: "Ubuntu 22.04 LTS", distro: "ubuntu", releaseDate: "2022-04-21" });
    expect(os("fedora37")).toMatchObject({ name: "Fedora Linux 37", distro: "fedora" });
    expect(os("rhel9.1")).toMatchObject({
      name: "Red Hat Enterprise Linux 9.1",
      codename: "Plow",
      derivesFrom: "http://redhat.com/rhel/9.0",
    });
    expect(os("alpinelinux3.17")).toMatchObject({ name: "Alpine Linux 3.17", eolDate: "2024-11-22" });
  });

  it("reads minimum and recommended resources per arch, falling back to arch all", () => {
    expect(resourcesFor(os("debian11"), "x86_64").minimum).toMatchObject({ nCpus: 1, ramBytes: 1 * GIB, storageBytes: 10 * GIB });
    expect(resourcesFor(os("ubuntu22.04"), "x86_64").recommended).toMatchObject({ ramBytes: 4 * GIB, storageBytes: 25 * GIB });
    expect(resourcesFor(os("win11"), "x86_64").minimum).toEqual({
      cpuHz: 1_000_000_000,
      nCpus: 2,
      ramBytes: 4 * GIB,
      storageBytes: 64 * GIB,
    });
    // RHEL 9 gives the network-install RAM separately.
    expect(resourcesFor(os("rhel9.1"), "x86_64").networkInstall).toEqual({ ramBytes: 3 * GIB });
  });

  it("reports device support from the inherited device links", () => {
    for (const shortId of ["debian11", "ubuntu22.04", "fedora37", "rhel9.1", "alpinelinux3.17"]) {
      expect(capabilitiesFor(os(shortId)), shortId).toMatchObject({ virtioDisk: true, virtioNet: true, virtio1: true, q35: true });
    }
    // Windows has no in-box virtio drivers (they come from virtio-win), so osinfo lists none.
    expect(capabilitiesFor(os("win11"))).toMatchObject({ virtioDisk: false, virtioNet: false });
    expect(capabilitiesFor(os("winxp")).q35).toBe(false);
  });

  it("requires UEFI and a TPM for Windows 11 only", () => {
    // osinfo-db 20221130 has win11 <firmware type="bios" supported="false"/> and no TPM data at all;
    // the TPM requirement is lib/osinfo's rule for Windows client releases from 11 (see capabilities.ts).
    expect(capabilitiesFor(os("win11"), "x86_64")).toMatchObject({ uefiSupported: true, uefiRequired: true, tpmRequired: true });
    expect(capabilitiesFor(os("win10"), "x86_64")).toMatchObject({ uefiRequired: false, tpmRequired: false });
    expect(capabilitiesFor(os("win2k22"), "x86_64").tpmRequired).toBe(false);
    expect(capabilitiesFor(os("ubuntu22.04"), "x86_64")).toMatchObject({ uefiSupported: true, uefiRequired: false, tpmRequired: false });
  });

  it("gives the guest builder a complete profile", () => {
    expect(guestProfile(os("win11"))).toMatchObject({
      memoryMiB: 4096,
      vcpus: 2,
      diskGiB: 64,
      q35: true,
      uefi: "required",
      tpmRequired: true,
      virtioDisk: false,
    });
    expect(guestProfile(os("debian11"))).toMatchObject({
      memoryMiB: 1024,
      vcpus: 1,
      diskGiB: 20,
      virtioDisk: true,
      virtioNet: true,
      q35: true,
      video: "virtio",
    });
    expect(guestProfile(os("fedora37"))).toMatchObject({ memoryMiB: 2048, diskGiB: 20, video: "virtio" });
    // Video hint: modern Linux gets virtio even where osinfo links no virtio-gpu; Windows gets QXL.
    expect(["ubuntu22.04", "centos-stream9", "alpinelinux3.17"].map((shortId) => guestProfile(os(shortId)).video)).toEqual([
      "virtio",
      "virtio",
      "virtio",
    ]);
    expect(guestProfile(os("win11")).video).toBe("qxl");
  });

  it("finds OSes for the picker, hiding end-of-life releases", () => {
    const today = "2023-06-01";
    const debians = searchOs(db.entries, { query: "debian", today }).map((entry) => entry.shortId);
    expect(debians).toContain("debian11");
    expect(debians).not.toContain("debian9"); // EOL 2022-06-30
    expect(debians).toContain("debiantesting"); // no dates at all
    expect(searchOs(db.entries, { query: "debian", today, includeEol: true }).map((entry) => entry.shortId)).toContain("debian9");
    expect(searchOs(db.entries, { query: "win11", today }).map((entry) => entry.shortId)).toEqual(["win11"]);
    // fedora35 has no eol-date: hidden five years after its 2021-11-02 release.
    expect(searchOs(db.entries, { distro: "fedora", today: "2027-01-01" }).map((entry) => entry.shortId)).not.toContain("fedora35");
    // Rolling releases stay, unless they carry an eol-date (centos-stream8: 2024-05-31).
    expect(os("archlinux").releaseStatus).toBe("rolling");
    expect(searchOs(db.entries, { query: "archlinux", today: "2030-01-01" }).map((entry) => entry.shortId)).toEqual(["archlinux"]);
    expect(searchOs(db.entries, { query: "centos-stream8", today: "2030-01-01" })).toEqual([]);
    const newestFirst = searchOs(db.entries, { distro: "fedora", sort: "releaseDate", includeEol: true }).map((entry) => entry.shortId);
    expect(newestFirst.indexOf("fedora37")).toBeLessThan(newestFirst.indexOf("fedora36"));
  });
});
