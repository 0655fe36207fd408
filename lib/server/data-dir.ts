import "server-only";
import { chmod, lstat, mkdir, readdir } from "node:fs/promises";
import path from "node:path";

/**
 * The data directory holds password hashes, the audit log, sessions and the key that opens host
 * credentials: only the console's own user may read it. New files are private by the process umask (set
 * first thing at start); an install made before that is tightened here, once per start, and the caller
 * logs what changed.
 */
export const PRIVATE_UMASK = 0o077;

export async function secureDataDir(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tightened: string[] = [];
  const walk = async (p: string): Promise<void> => {
    const stat = await lstat(p);
    if (stat.isSymbolicLink()) return; // never follow a link out of the data directory
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777 & ~wanted) !== 0) {
      await chmod(p, stat.mode & wanted);
      tightened.push(path.relative(dir, p) || ".");
    }
    if (stat.isDirectory()) for (const name of await readdir(p)) await walk(path.join(p, name));
  };
  await walk(dir);
  return tightened;
}
