import { describe, expect, it } from "vitest";
import { deviceCodecs } from "@/lib/server/guests/hardware/families";
import type { CreateContext } from "@/lib/server/guests/hardware/codec";
import { deviceFamilyInputs } from "@/lib/validations/hardware";
import { Domain } from "@/lib/xml";
import { expectGolden, readFixture } from "../xml/support/fixtures";
import { validateXml } from "../xml/support/validate";
import { hardwareCases } from "./cases";

describe("device codecs on golden files (UPDATE_GOLDEN=1 rewrites hw-*-out.xml)", () => {
  for (const c of hardwareCases) {
    it(`${c.name}: ${c.what}`, async () => {
      const codec = deviceCodecs[c.family];
      const input = deviceFamilyInputs[c.family];
      if (!codec || !input) throw new Error(`no codec or schema for ${c.family}`);
      const dom = Domain.parse(readFixture(c.input));
      // Codecs that need the host (new volumes) are tested in tests/integration/hardware instead.
      const ctx = { saved: dom, live: null, lv: null, hostId: "unit" } as unknown as CreateContext;
      for (const op of c.ops) {
        if ("add" in op) {
          const { device } = await codec.create(input.schema.parse(op.add), ctx);
          codec.list(dom).add(device);
        } else if ("edit" in op) {
          codec.edit(codec.list(dom).at(op.edit)!, input.schema.parse(op.values));
        } else {
          codec.list(dom).remove(codec.list(dom).at(op.remove)!);
        }
      }
      // What a device reads back as must be valid input to its own form.
      for (const device of codec.list(dom)) expect(input.schema.safeParse(codec.values(device)).error).toBeUndefined();
      const xml = dom.toXml();
      expectGolden(`hw-${c.name}`, xml);
      const result = validateXml(xml);
      expect(result.valid, `virt-xml-validate rejected hw-${c.name}:\n${result.output}`).toBe(true);
    });
  }
});
