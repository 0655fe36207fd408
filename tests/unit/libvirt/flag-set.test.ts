import { describe, expect, it } from "vitest";
import { flagSet, hasFlag } from "../../../lib/libvirt/flag-set";
import {
  VirDomainDeviceModifyFlags,
  VirDomainModificationImpact,
  VirDomainUndefineFlagsValues,
  VirDomainXMLFlags,
} from "../../../lib/libvirt/generated/flags";
import type { ArgsOf } from "../../../lib/libvirt/procedure";
import type { remoteProcedures } from "../../../lib/libvirt/generated/remote";

type XmlDescFlags = ArgsOf<typeof remoteProcedures.DOMAIN_GET_XML_DESC>["flags"];
type AttachFlags = ArgsOf<typeof remoteProcedures.DOMAIN_ATTACH_DEVICE_FLAGS>["flags"];
type StateFlags = ArgsOf<typeof remoteProcedures.DOMAIN_GET_STATE>["flags"];

const { VIR_DOMAIN_XML_SECURE, VIR_DOMAIN_XML_INACTIVE } = VirDomainXMLFlags;

describe("typed flags", () => {
  it("are the plain numbers libvirt expects", () => {
    expect(flagSet(VIR_DOMAIN_XML_SECURE, VIR_DOMAIN_XML_INACTIVE)).toBe(3);
    expect(flagSet(VIR_DOMAIN_XML_SECURE, false ? VIR_DOMAIN_XML_INACTIVE : 0)).toBe(1);
    expect(flagSet()).toBe(0);
    expect(hasFlag(flagSet(VIR_DOMAIN_XML_SECURE, VIR_DOMAIN_XML_INACTIVE), VIR_DOMAIN_XML_INACTIVE)).toBe(true);
    expect(hasFlag(VIR_DOMAIN_XML_SECURE, VIR_DOMAIN_XML_INACTIVE)).toBe(false);
  });

  it("accept only the enum libvirt documents for the procedure (checked by tsc)", () => {
    const ok: XmlDescFlags[] = [0, VIR_DOMAIN_XML_SECURE, flagSet(VIR_DOMAIN_XML_SECURE, VIR_DOMAIN_XML_INACTIVE)];
    // An enum whose members are defined as another's (DEVICE_MODIFY_LIVE = AFFECT_LIVE) accepts that one too.
    const attach: AttachFlags[] = [
      VirDomainDeviceModifyFlags.VIR_DOMAIN_DEVICE_MODIFY_LIVE,
      VirDomainModificationImpact.VIR_DOMAIN_AFFECT_LIVE,
    ];
    // @ts-expect-error a bare number is no flag
    const bare: XmlDescFlags = 2;
    // @ts-expect-error a bit of another enum (VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA is 2 like INACTIVE)
    const other: XmlDescFlags = VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
    // @ts-expect-error OR-ing bits of two enums
    const mixed: XmlDescFlags = flagSet(VIR_DOMAIN_XML_SECURE, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM);
    // @ts-expect-error `|` gives a number: sets are built with flagSet
    const ored: XmlDescFlags = VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE;
    // @ts-expect-error "extra flags; not used yet": only 0
    const unused: StateFlags = VIR_DOMAIN_XML_SECURE;
    // At run time all of them are plain numbers.
    expect([ok, attach, bare, other, mixed, ored, unused].flat()).toEqual([0, 1, 3, 1, 1, 2, 2, 5, 3, 1]);
  });
});
