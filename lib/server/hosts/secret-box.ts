import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { secretKey } from "./secret-key";

const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";

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
  // The tag length is fixed: GCM would otherwise accept a tag cut down to 4 bytes.
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
  try {
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("stored credentials cannot be decrypted (wrong secret key, or the data was changed)");
  }
}
