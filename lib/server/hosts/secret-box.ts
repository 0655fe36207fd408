import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";

/** The 32-byte key, created (mode 0600) on first use. It never goes into the database. */
export function secretKey(file = env().SECRET_KEY_FILE ?? path.join(env().DATA_DIR, "secret.key")): Buffer {
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

/** AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>" in base64url; tampering fails to decrypt. */
export function seal(plaintext: string, key = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export function open(sealed: string, key = secretKey()): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("stored credentials are not in a known format");
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("stored credentials cannot be decrypted (wrong secret key, or the data was changed)");
  }
}
