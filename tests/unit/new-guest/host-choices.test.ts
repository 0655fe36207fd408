// What the wizard offers of a host: the machine types people pick (not QEMU's 60), one entry per way of
// running the guest, a sentence that follows the choice; and CD images only where install media belong.
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import { machineGroups, virtTypeOptions, virtTypeSentence } from "@/lib/new-guest/host-choices";
import { isCdImage } from "@/lib/storage/cd-image";

// QEMU 7.2's x86_64 machine types as libvirt lists them, aliases first (as the wizard's context sorts them).
const versions = ["7.2", "7.1", "7.0", "6.2", "4.0.1", "2.4"];
const x86 = [
  "q35",
  "pc",
  ...versions.map((v) => `pc-q35-${v}`),
  ...versions.map((v) => `pc-i440fx-${v}`),
  "isapc",
  "microvm",
  "none",
  "x-remote",
];

describe("machine types", () => {
  it("offers the canonical q35 and pc, and nothing else until all are asked for", () => {
    expect(machineGroups(x86, false)).toEqual({ usual: ["q35", "pc"], versioned: [], special: [] });
  });

  it("shows the versioned ones and the special-purpose ones apart when asked for", () => {
    const all = machineGroups(x86, true);
    expect(all.usual).toEqual(["q35", "pc"]);
    expect(all.versioned).toHaveLength(versions.length * 2);
    expect(all.versioned).toContain("pc-q35-4.0.1");
    expect(all.special).toEqual(["isapc", "microvm", "none", "x-remote"]);
  });

  it("keeps a type already chosen on offer when the list is folded again", () => {
    expect(machineGroups(x86, false, "pc-q35-7.1").usual).toEqual(["q35", "pc", "pc-q35-7.1"]);
    expect(machineGroups(["virt", "virt-8.0", "none"], false)).toEqual({ usual: ["virt"], versioned: [], special: [] });
  });
});

describe("virt type", () => {
  const words = en.newGuest.source;
  it("lists KVM once and emulation once on a KVM host, only emulation without KVM", () => {
    expect(virtTypeOptions("kvm").map((o) => words.virtTypeOption[o.words])).toEqual(["KVM (hardware virtualization)", "Emulation (TCG)"]);
    expect(virtTypeOptions("qemu").map((o) => [o.value, words.virtTypeOption[o.words]])).toEqual([
      ["auto", "Emulation (TCG): this host has no KVM"],
    ]);
  });

  it("says what the guest will run on for the choice made, not only what the host has", () => {
    const say = (host: "kvm" | "qemu", chosen: "auto" | "qemu") => words.virtTypeSentence[virtTypeSentence(host, chosen)];
    expect(say("kvm", "auto")).toMatch(/will use KVM/);
    expect(say("kvm", "qemu")).toMatch(/will run emulated \(TCG\)/);
    expect(say("kvm", "qemu")).not.toMatch(/use KVM/);
    expect(say("qemu", "auto")).toMatch(/no usable \/dev\/kvm/);
  });
});

describe("CD images", () => {
  it("are ISO 9660 volumes, or raw ones named .iso; disk images are not", () => {
    expect(isCdImage({ name: "debian.iso", format: "iso" })).toBe(true);
    expect(isCdImage({ name: "installer", format: "iso" })).toBe(true);
    expect(isCdImage({ name: "upload.ISO", format: "raw" })).toBe(true);
    expect(isCdImage({ name: "web.qcow2", format: "qcow2" })).toBe(false);
    expect(isCdImage({ name: "web.img", format: "raw" })).toBe(false);
    expect(isCdImage({ name: "odd.iso", format: "qcow2" })).toBe(false);
  });
});
