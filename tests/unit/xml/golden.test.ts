import { describe, expect, it } from "vitest";
import { parseAnyXml } from "@/lib/xml";
import { expectGolden, readFixture } from "./support/fixtures";
import { goldenCases } from "./support/golden-cases";
import { validateXml } from "./support/validate";

function produce(name: string): string {
  const golden = goldenCases.find((c) => c.name === name)!;
  const model = golden.build ? golden.build() : parseAnyXml(readFixture(`${name}-in.xml`));
  golden.edit?.(model);
  return model.toXml();
}

describe("golden files (UPDATE_GOLDEN=1 rewrites the -out.xml files)", () => {
  for (const golden of goldenCases) {
    it(`${golden.name}: ${golden.what}`, () => {
      const xml = produce(golden.name);
      expectGolden(golden.name, xml);
      const result = validateXml(xml);
      expect(result.valid, `virt-xml-validate rejected ${golden.name}:\n${result.output}`).toBe(true);
    });
  }
});
