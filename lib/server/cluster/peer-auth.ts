import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { secretKey } from "../hosts/secret-key";

/** The header an instance signs its calls to another instance with: "<from>:<unix ms>:<signature>". */
export const PEER_HEADER = "x-console-peer";
/** A signed call is good for this long either way (instances' clocks agree within seconds: NTP). */
const MAX_SKEW_MS = 30_000;

let cached: { secret: Buffer; key: Buffer } | null = null;

/** A key of its own for calls between instances, derived from the secret key all instances share (never sent). */
function peerKey(): Buffer {
  const secret = secretKey();
  if (!cached || !cached.secret.equals(secret)) {
    cached = { secret, key: createHmac("sha256", secret).update("virt-console: calls between instances, v1").digest() };
  }
  return cached.key;
}

function signature(at: number, method: string, path: string, body: string): Buffer {
  const bodyHash = createHash("sha256").update(body).digest("hex");
  return createHmac("sha256", peerKey()).update(`${at}\n${method.toUpperCase()}\n${path}\n${bodyHash}`).digest();
}

/** The header value for a call from this instance (`from`) to another. */
export function signPeerCall(from: string, method: string, path: string, body = "", at = Date.now()): string {
  return `${from}:${at}:${signature(at, method, path, body).toString("base64url")}`;
}

/** True when the header was made by an instance holding the same secret key, for this very call, recently. */
export function verifyPeerCall(header: string | undefined, method: string, path: string, body = "", now = Date.now()): boolean {
  const match = /^([\w-]{1,64}):(\d{1,15}):([\w-]{43})$/.exec(header ?? "");
  if (!match) return false;
  const at = Number(match[2]);
  if (Math.abs(now - at) > MAX_SKEW_MS) return false;
  const given = Buffer.from(match[3], "base64url");
  const expected = signature(at, method, path, body);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
