// Generated domain XML is defined in the real libvirtd through our own client, read back
// (inactive, with secure fields), parsed with lib/xml, and every field we set must be there.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainUndefineFlagsValues, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { flagSet } from "@/lib/libvirt/flag-set";
import { Domain, snapshotModel } from "@/lib/xml";
import { type Equivalence, subsetMismatches } from "../../unit/xml/support/compare";
import { goldenCases } from "../../unit/xml/support/golden-cases";
import { qemuImgCreate, validateXml } from "../../unit/xml/support/validate";
import { PREFIX, i440fxGuest, q35Guest } from "./guests";

const { VIR_DOMAIN_XML_SECURE: XML_SECURE, VIR_DOMAIN_XML_INACTIVE: XML_INACTIVE } = VirDomainXMLFlags;
const { VIR_DOMAIN_UNDEFINE_NVRAM: UNDEFINE_NVRAM, VIR_DOMAIN_UNDEFINE_TPM: UNDEFINE_TPM } = VirDomainUndefineFlagsValues;

/** libvirt canonicalises machine aliases (q35 → pc-q35-7.2, pc → pc-i440fx-7.2). */
const equivalent: Equivalence = (fieldPath, expected, actual) =>
  fieldPath === "os.machine" &&
  typeof actual === "string" &&
  (actual === expected || actual.startsWith(expected === "q35" ? "pc-q35-" : "pc-i440fx-"));

describe("generated domain XML in the real libvirtd (qemu:///system)", () => {
  let lv: Libvirt;
  let dir: string;
  const guests = new Map<string, Domain>();

  beforeAll(async () => {
    lv = await Libvirt.open("qemu:///system");
    for (const stale of await lv.domains.list()) {
      if (stale.name.startsWith(PREFIX)) await lv.domains.undefine(stale.ref, flagSet(UNDEFINE_NVRAM, UNDEFINE_TPM)).catch(() => undefined);
    }
    dir = mkdtempSync(path.join(tmpdir(), "vc-xmltest-"));
    const file = (name: string) => path.join(dir, name);
    qemuImgCreate(file("q35.qcow2"), "qcow2", "64M");
    qemuImgCreate(file("i440fx.img"), "raw", "16M");
    qemuImgCreate(file("floppy.img"), "raw", "1440K");
    for (const empty of ["install.iso", "vmlinuz", "initrd.img"]) writeFileSync(file(empty), "");
    guests.set("q35", q35Guest({ disk: file("q35.qcow2") }));
    guests.set(
      "i440fx",
      i440fxGuest({
        disk: file("i440fx.img"),
        iso: file("install.iso"),
        floppy: file("floppy.img"),
        kernel: file("vmlinuz"),
        initrd: file("initrd.img"),
      }),
    );
    const built = goldenCases.find((c) => c.name === "domain-built")!.build!() as Domain;
    built.name = `${PREFIX}golden-built`;
    built.uuid = undefined;
    guests.set("golden-built", built);
    const hotplug = goldenCases.find((c) => c.name === "domain-built-hotplug")!.build!() as Domain;
    hotplug.name = `${PREFIX}golden-built-hotplug`;
    hotplug.uuid = undefined;
    guests.set("golden-built-hotplug", hotplug);
  });

  afterAll(async () => {
    for (const dom of await lv.domains.list().catch(() => [])) {
      if (dom.name.startsWith(PREFIX)) await lv.domains.undefine(dom.ref, flagSet(UNDEFINE_NVRAM, UNDEFINE_TPM)).catch(() => undefined);
    }
    await lv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const name of ["q35", "i440fx", "golden-built", "golden-built-hotplug"]) {
    it(`${name}: passes virt-xml-validate, defines, reads back with every modelled field intact, undefines`, async () => {
      const generated = guests.get(name)!;
      const xml = generated.toXml();
      const validation = validateXml(xml);
      expect(validation.valid, validation.output).toBe(true);

      const ref = await lv.domains.define(xml);
      try {
        const readBack = Domain.parse(await lv.domains.xml(ref, flagSet(XML_INACTIVE, XML_SECURE)));
        expect(subsetMismatches(snapshotModel(generated), snapshotModel(readBack), equivalent)).toEqual([]);
        expect(readBack.uuid).toMatch(/^[0-9a-f-]{36}$/);
        // What libvirt returns is itself valid and survives our round trip unchanged.
        const again = readBack.toXml();
        expect(Domain.parse(again).toXml()).toBe(again);
        expect(snapshotModel(Domain.parse(again))).toEqual(snapshotModel(readBack));
      } finally {
        await lv.domains.undefine(ref, flagSet(UNDEFINE_NVRAM, UNDEFINE_TPM));
      }
      expect((await lv.domains.list()).some((d) => d.name === generated.name)).toBe(false);
    });
  }

  it("an edit made with lib/xml on libvirt's own XML is accepted on redefinition", async () => {
    const ref = await lv.domains.define(guests.get("q35")!.toXml());
    try {
      const dom = Domain.parse(await lv.domains.xml(ref, flagSet(XML_INACTIVE, XML_SECURE)));
      dom.description = "edited in place";
      dom.devices.interfaces.find((i) => i.type === "user")!.linkState = "down";
      dom.devices.remove(dom.devices.watchdogs.at(0)!);
      await lv.domains.define(dom.toXml());
      const after = Domain.parse(await lv.domains.xml(ref, XML_INACTIVE));
      expect(after.description).toBe("edited in place");
      expect(after.devices.interfaces.find((i) => i.type === "user")!.linkState).toBe("down");
      expect(after.devices.watchdogs.length).toBe(0);
    } finally {
      await lv.domains.undefine(ref, flagSet(UNDEFINE_NVRAM, UNDEFINE_TPM));
    }
  });
});
