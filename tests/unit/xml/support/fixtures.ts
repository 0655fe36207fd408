import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";

export const FIXTURE_DIR = path.resolve(__dirname, "../../../fixtures/xml");

export function fixturePath(file: string): string {
  return path.join(FIXTURE_DIR, file);
}

/** A fixture's text as libvirt wrote it (ending with a newline, as toXml() does for a whole document). */
export function readFixture(file: string): string {
  return readFileSync(fixturePath(file), "utf8");
}

export function inputFixtures(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith("-in.xml"))
    .sort();
}

export function outputFixtures(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith("-out.xml"))
    .sort();
}

/** Compares with <name>-out.xml; UPDATE_GOLDEN=1 rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const file = fixturePath(`${name}-out.xml`);
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${name}-out.xml is missing: run with UPDATE_GOLDEN=1 and review the new file`);
  expect(actual).toBe(readFixture(`${name}-out.xml`));
}
