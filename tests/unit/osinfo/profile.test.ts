import { describe, expect, it } from "vitest";

import { FALLBACK, capabilitiesFor, guestProfile, isEndOfLife, resourcesFor, searchOs, suggestedResources } from "@/lib/osinfo";

import { byShortId, fixtureDb } from "./fixture-db";

const GIB = 1024 ** 3;

describe("resources per architecture", () => {
  it("uses the arch's own block field by field and falls back to arch all", () => {
    const x86 = resourcesFor(byShortId("derived2"), "x86_64");
    expect(x86.minimum).toEqual({ nCpus: 2, ramBytes: 2 * GIB });
    expect(x86.recommended).toEqual({ ramBytes: 1 * GIB, storageBytes: 20 * GIB });
    expect(resourcesFor(byShortId("derived2"), "aarch64").minimum).toEqual({ nCpus: 1, ramBytes: 1 * GIB });
  });

  it("suggests the recommended value, never below the minimum", () => {
    expect(suggestedResources(byShortId("derived2"), "x86_64")).toEqual({ ramBytes: 2 * GIB, nCpus: 2, storageBytes: 20 * GIB });
    expect(suggestedResources(byShortId("legacy0"), "x86_64")).toEqual({});
  });
});

describe("device support", () => {
  it("reports virtio, q35, UEFI and video for an OS with modern drivers", () => {
    expect(capabilitiesFor(byShortId("derived2"), "x86_64")).toMatchObject({
      virtioDisk: true,
      virtioNet: true,
      virtio1: true,
      q35: true,
      uefiSupported: true,
      uefiRequired: true,
      videoModel: "virtio",
    });
  });

  it("knows UEFI only where osinfo says so, per arch", () => {
    expect(capabilitiesFor(byShortId("base1"), "x86_64")).toMatchObject({
      uefiSupported: true,
      uefiRequired: false,
      q35: false,
      videoModel: "vga",
    });
    expect(capabilitiesFor(byShortId("base1"), "aarch64").uefiSupported).toBe(false);
  });

  it("falls back to emulated devices and qxl video for an OS without virtio drivers", () => {
    expect(capabilitiesFor(byShortId("legacy0"))).toMatchObject({
      virtioDisk: false,
      virtioNet: false,
      q35: false,
      tpmRequired: false,
      videoModel: "qxl",
    });
  });
});

describe("guest profile", () => {
  it("gives the builder sizes in MiB/GiB and the device choices", () => {
    expect(guestProfile(byShortId("derived2"))).toEqual({
      shortId: "derived2",
      family: "linux",
      arch: "x86_64",
      memoryMiB: 2048,
      minimumMemoryMiB: 2048,
      vcpus: 2,
      diskGiB: 20,
      minimumDiskGiB: 0,
      virtioDisk: true,
      virtioNet: true,
      q35: true,
      uefi: "required",
      tpmRequired: false,
      video: "virtio",
    });
  });

  it("uses the fallbacks when osinfo-db has no figures", () => {
    expect(guestProfile(byShortId("legacy0"))).toMatchObject({
      memoryMiB: FALLBACK.ramBytes / 1024 ** 2,
      vcpus: FALLBACK.nCpus,
      diskGiB: FALLBACK.storageBytes / GIB,
      uefi: "unsupported",
      video: "qxl",
    });
  });
});

describe("search for the OS picker", () => {
  const entries = fixtureDb().entries;

  it("hides end-of-life releases unless asked", () => {
    expect(isEndOfLife(byShortId("base1"), "2024-01-01")).toBe(true);
    expect(isEndOfLife(byShortId("derived2"), "2024-01-01")).toBe(false);
    // No eol-date: end of life five years after the release, as virt-manager assumes; rolling never.
    expect(isEndOfLife(byShortId("derived2"), "2026-12-31")).toBe(false);
    expect(isEndOfLife(byShortId("derived2"), "2027-01-01")).toBe(true);
    expect(isEndOfLife({ ...byShortId("derived2"), releaseStatus: "rolling" }, "2030-01-01")).toBe(false);
    expect(isEndOfLife({ ...byShortId("derived2"), releaseDate: "" }, "2030-01-01")).toBe(false);
    expect(searchOs(entries, { today: "2024-01-01" }).map((os) => os.shortId)).toEqual(["derived2"]);
    expect(searchOs(entries, { today: "2020-06-01" }).map((os) => os.shortId)).toEqual(["derived2", "base1"]);
  });

  it("matches name or any short id, case-insensitively", () => {
    expect(searchOs(entries, { query: "DERIVEDTWO", includeEol: true }).map((os) => os.shortId)).toEqual(["derived2"]);
    expect(searchOs(entries, { query: "os 1", includeEol: true }).map((os) => os.shortId)).toEqual(["base1"]);
  });

  it("sorts by vendor then newest first, or by release date, and can filter and limit", () => {
    const all = { includeEol: true };
    expect(searchOs(entries, all).map((os) => os.shortId)).toEqual(["legacy0", "derived2", "base1"]);
    expect(searchOs(entries, { ...all, sort: "releaseDate" }).map((os) => os.shortId)).toEqual(["derived2", "base1", "legacy0"]);
    expect(searchOs(entries, { ...all, family: "winnt" }).map((os) => os.shortId)).toEqual(["legacy0"]);
    expect(searchOs(entries, { ...all, distro: "baseos", limit: 1 }).map((os) => os.shortId)).toEqual(["derived2"]);
  });
});
