// virtinst's test_checkprops idea: a field no fixture ever sets is a field nobody has checked.
import { describe, expect, it } from "vitest";
import { type AnyField, modelRegistry, parseAnyXml, walkModel } from "@/lib/xml";
import { inputFixtures, outputFixtures, readFixture } from "./support/fixtures";

function isExercised(descriptor: AnyField, value: unknown): boolean {
  // A flag reads false when its element is absent; a yes/no field reads false from a real "no".
  if (value === undefined || (value === false && descriptor.kind === "flag")) return false;
  if (Array.isArray(value)) return value.length > 0;
  // Sub-models and lists are structure; their own fields are what gets checked.
  return typeof value !== "object";
}

describe("field registry", () => {
  it("every declared field is exercised by some fixture", () => {
    const exercised = new Set<AnyField>();
    for (const file of [...inputFixtures(), ...outputFixtures()]) {
      walkModel(parseAnyXml(readFixture(file)), ({ modelName, field, value }) => {
        const descriptor = modelRegistry.get(modelName)!.fields[field] as AnyField;
        if (isExercised(descriptor, value)) exercised.add(descriptor);
      });
    }
    const missing: string[] = [];
    for (const [modelName, statics] of modelRegistry) {
      for (const [field, descriptor] of Object.entries(statics.fields)) {
        const structural = descriptor.kind === "child" || descriptor.kind === "list";
        if (!structural && !exercised.has(descriptor as AnyField)) missing.push(`${modelName}.${field} (${descriptor.path})`);
      }
    }
    expect(missing, "declared fields no fixture exercises").toEqual([]);
  });

  it("every sub-model and list is reached by some fixture", () => {
    const reached = new Set<string>();
    for (const file of [...inputFixtures(), ...outputFixtures()]) {
      walkModel(parseAnyXml(readFixture(file)), ({ modelName }) => reached.add(modelName));
    }
    expect([...modelRegistry.keys()].filter((name) => !reached.has(name))).toEqual([]);
  });
});
