import "server-only";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { seedFileNames, type SeedFiles } from "@/lib/new-guest/cloud-init";

const run = promisify(execFile);

/** The volume label cloud-init's NoCloud source looks for (it accepts CIDATA too). */
export const SEED_LABEL = "cidata";

/**
 * The seed as an ISO 9660 image with Joliet and Rock Ridge names (so `user-data` keeps its dash and
 * case), labelled cidata.
 */
export function buildSeedIso(files: SeedFiles): Promise<Buffer> {
  return buildSmallIso(Object.fromEntries(seedFileNames.map((n) => [n, files[n]])), SEED_LABEL);
}

/**
 * A small ISO 9660 image of `files` at its root (Joliet and Rock Ridge names, so names keep their
 * case and dashes), labelled `label`; built by xorriso in a private temporary directory that is
 * removed again. Also the unattended installs' script medium.
 */
export async function buildSmallIso(files: Record<string, string>, label: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "vc-iso-"));
  const names = Object.keys(files);
  try {
    await Promise.all(names.map((name) => writeFile(path.join(dir, name), files[name], { mode: 0o600 })));
    const iso = path.join(dir, "medium.iso");
    await run(
      "xorriso",
      ["-as", "mkisofs", "-quiet", "-volid", label, "-joliet", "-rock", "-output", iso, ...names.map((n) => path.join(dir, n))],
      { timeout: 60_000 },
    ).catch((err: NodeJS.ErrnoException & { stderr?: string }) => {
      throw new Error(
        err.code === "ENOENT"
          ? "xorriso is not installed on the console's machine"
          : `xorriso failed: ${err.stderr?.trim() || err.message}`,
      );
    });
    return await readFile(iso);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
