// docs/ARCHITECTURE.md: lib/xml is pure (no I/O) and framework-free, so both the browser and the server can use it.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LIB_XML = path.resolve(__dirname, "../../../lib/xml");
const FORBIDDEN = [
  /^node:/,
  /^(fs|net|tls|child_process|http|https)$/,
  /^next(\/|$)/,
  /^react(\/|$)/,
  /^@prisma\//,
  /^@\/lib\/server/,
  /^@\/generated/,
  /^@\/lib\/libvirt/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("lib/xml dependency rules", () => {
  it("imports nothing that does I/O or belongs to the server or a framework", () => {
    const offending: string[] = [];
    for (const file of sourceFiles(LIB_XML)) {
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from\s+["']([^"']+)["']/g)) {
        if (FORBIDDEN.some((pattern) => pattern.test(specifier))) offending.push(`${path.relative(LIB_XML, file)}: ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("keeps every file under about 400 lines", () => {
    const long = sourceFiles(LIB_XML).filter((file) => readFileSync(file, "utf8").split("\n").length > 400);
    expect(long).toEqual([]);
  });
});
