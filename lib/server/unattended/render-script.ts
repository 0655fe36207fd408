import "server-only";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { InstallScript } from "@/lib/osinfo/install-scripts";

const run = promisify(execFile);

/**
 * Runs an osinfo install script's XSLT on a config document with xsltproc, as libosinfo runs it with
 * libxslt. Both files live in a private temporary directory (the config holds passwords) that is
 * removed again.
 */
export async function applyStylesheet(script: InstallScript, configXml: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "vc-unattended-"));
  try {
    const sheet = path.join(dir, "script.xsl");
    const config = path.join(dir, "config.xml");
    await writeFile(sheet, script.stylesheet, { mode: 0o600 });
    await writeFile(config, configXml, { mode: 0o600 });
    const { stdout } = await run("xsltproc", ["--nonet", sheet, config], { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }).catch(
      (err: NodeJS.ErrnoException & { stderr?: string }) => {
        throw new Error(
          err.code === "ENOENT"
            ? "xsltproc is not installed on the console's machine"
            : `xsltproc failed on ${script.id}: ${err.stderr?.trim() || err.message}`,
        );
      },
    );
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
