// Private test-driver hosts. libvirtd shares `test:///default` among all its connections (so tests
// that change it disturb each other); a node file URI gives each connection its own copy.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The node files made in this process; libvirtd reads one at each connect, so they stay until the suite ends. */
const made: string[] = [];

/** Removes the node files this process made: for the suite's afterAll, once its connections are closed. */
export function removeTestDriverFiles(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A `test:///…xml` URI whose driver holds `count` running guests named `<prefix>-0000`…, 2 vCPUs and 512 MiB each. */
export function privateTestDriverUri(count: number, prefix = "td"): string {
  const domains = Array.from(
    { length: count },
    (_, i) =>
      `<domain type='test'><name>${prefix}-${String(i).padStart(4, "0")}</name><memory unit='MiB'>512</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), "vc-testdriver-"));
  made.push(dir);
  const file = path.join(dir, "node.xml");
  writeFileSync(file, `<node>${domains.join("")}</node>`);
  return `test://${file}`;
}
