// Runs libvirt's own schema check (virt-xml-validate, package libvirt-clients; it needs xmllint from
// libxml2-utils). A missing tool is a failure with instructions, never a skip.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

function requireTool(tool: string, pkg: string): void {
  const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  if (found.status !== 0) throw new Error(`${tool} is not installed: apt-get install ${pkg} (schema validation cannot be skipped)`);
}

/**
 * libvirt 9.0's capability.rng rejects host CPU feature names with a dot (sse4.1, sse4.2) that
 * libvirt itself prints. Those errors, and only those, are tolerated for <capabilities>.
 */
function onlyKnownCapabilitiesSchemaBug(xml: string, output: string): boolean {
  const lines = xml.split("\n");
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .every((line) => {
      const located = /:(\d+): element (\w+): Relax-NG validity error : (.*)$/.exec(line);
      if (located) {
        const source = lines[Number(located[1]) - 1] ?? "";
        if (located[2] === "feature") return /<feature name='[^']*\.[^']*'\/>/.test(source);
        return located[2] === "cpu" && /failed to validate content/.test(located[3]);
      }
      return /Extra element feature in interleave|fails to validate/.test(line);
    });
}

export interface ValidationResult {
  valid: boolean;
  output: string;
}

/** Validates xml against the schema its root element implies (or the one given). */
export function validateXml(xml: string, schema?: string): ValidationResult {
  requireTool("virt-xml-validate", "libvirt-clients");
  requireTool("xmllint", "libxml2-utils");
  const dir = mkdtempSync(path.join(tmpdir(), "vc-xml-validate-"));
  try {
    const file = path.join(dir, "doc.xml");
    writeFileSync(file, xml);
    const run = spawnSync("virt-xml-validate", schema ? [file, schema] : [file], { encoding: "utf8" });
    const output = `${run.stdout}${run.stderr}`.replaceAll(file, "doc.xml");
    if (run.status === 0) return { valid: true, output };
    const knownBug = xml.trimStart().startsWith("<capabilities>") && onlyKnownCapabilitiesSchemaBug(xml, output);
    return { valid: knownBug, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function qemuImgCreate(file: string, format: "qcow2" | "raw", size: string): void {
  execFileSync("qemu-img", ["create", "-q", "-f", format, file, size]);
}
