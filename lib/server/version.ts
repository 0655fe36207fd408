import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

/** This console's version, from package.json (recorded with every database migration it applies). */
export function consoleVersion(): string {
  cached ??= (JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version: string }).version;
  return cached;
}
let cached: string | undefined;
