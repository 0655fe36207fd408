// Private test-driver hosts. libvirtd shares `test:///default` among all its connections (so tests
// that change it disturb each other); a node file URI gives each connection its own copy.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A `test:///…xml` URI whose driver holds `count` running guests named `<prefix>-0000`…, 2 vCPUs and 512 MiB each. */
export function privateTestDriverUri(count: number, prefix = "td"): string {
  const domains = Array.from(
    { length: count },
    (_, i) =>
      `<domain type='test'><name>${prefix}-${String(i).padStart(4, "0")}</name><memory unit='MiB'>512</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>`,
  );
  const file = path.join(mkdtempSync(path.join(tmpdir(), "vc-testdriver-")), "node.xml");
  writeFileSync(file, `<node>${domains.join("")}</node>`);
  return `test://${file}`;
}
