import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/** The header a webhook's signature travels in: "sha256=" and the hex HMAC-SHA256 of the exact body with the rule's key. */
export const SIGNATURE_HEADER = "X-Signature-256";

export function signBody(body: Buffer | string, key: string): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(body: Buffer | string, key: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, key));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
