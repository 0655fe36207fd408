import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

/** Where the key lives: SECRET_KEY_FILE, else $DATA_DIR/secret.key. Never in the database. */
export function secretKeyFile(): string {
  return env().SECRET_KEY_FILE ?? path.join(env().DATA_DIR, "secret.key");
}

/** The 32-byte key that seals host credentials, created (mode 0600) on first use. */
export function secretKey(file = secretKeyFile()): Buffer {
  try {
    // The key file lives outside the app (DATA_DIR); keep it out of the build trace.
    const key = Buffer.from(readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(), "base64");
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    // "wx": two processes starting at once must not overwrite each other's key.
    writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    return key;
  }
}
