import "server-only";
import { createHash } from "node:crypto";

/** OpenSSH's form, as `ssh-keygen -lf` prints it: "SHA256:" + unpadded base64 of the key blob's SHA-256. */
export function sshFingerprint(hostKey: Buffer): string {
  return `SHA256:${createHash("sha256").update(hostKey).digest("base64").replace(/=+$/, "")}`;
}
