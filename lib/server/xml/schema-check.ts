import "server-only";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * libvirt's own schema check (virt-xml-validate, libvirt-clients) for XML that is not defined in
 * libvirt yet. Resolves null when the document is valid, else the checker's complaint.
 */
export async function schemaProblem(
  xml: string,
  schema: "domain" | "network" | "storagevol" | "domainsnapshot" = "domain",
): Promise<string | null> {
  const dir = await mkdtemp(path.join(tmpdir(), "vc-validate-"));
  try {
    const file = path.join(dir, `${schema}.xml`);
    await writeFile(file, xml);
    return await new Promise<string | null>((resolve, reject) => {
      execFile("virt-xml-validate", [file, schema], { timeout: 20_000 }, (err, stdout, stderr) => {
        if (!err) return resolve(null);
        if ((err as NodeJS.ErrnoException).code === "ENOENT")
          return reject(new Error("virt-xml-validate is missing (install libvirt-clients)"));
        // Its messages name the temporary file; what matters is the rest.
        resolve(`${stderr}${stdout}`.replaceAll(`${file}:`, "").replaceAll(file, "the XML").trim() || "libvirt's schema rejects the XML");
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
