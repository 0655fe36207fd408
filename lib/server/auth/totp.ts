import "server-only";
import { randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { hashToken } from "./session";

/** RFC 6238 as every authenticator app does it: SHA-1, 6 digits, 30 s. */
const PERIOD = 30;
const ISSUER = "virt-console";

const totp = (secret: string, username = "") =>
  new OTPAuth.TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });

/** A new random secret (160 bits, base32) with what an app needs to take it: the otpauth:// URI and its QR code. */
export async function newTotpEnrolment(username: string): Promise<{ secret: string; uri: string; qr: string }> {
  return newTotpEnrolmentFor(new OTPAuth.Secret({ size: 20 }).base32, username);
}

/** The same for a secret already chosen (shown again while enrolment is under way). */
export async function newTotpEnrolmentFor(secret: string, username: string): Promise<{ secret: string; uri: string; qr: string }> {
  const uri = totp(secret, username).toString();
  return { secret, uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/**
 * The time step of `code` when it is right now (one step of clock drift either way), or null. A step at or
 * before `lastStep` is refused, so a code seen over someone's shoulder cannot sign in a second time.
 */
export function acceptedStep(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Ten single-use recovery codes like "7kq4-m2xp-9hwd" (60 bits each), and the hashes the database keeps. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const codes = Array.from({ length: 10 }, () => {
    const chars = Array.from(randomBytes(12), (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** Case, spaces and dashes do not matter when a person types a recovery code back. */
export const hashRecoveryCode = (code: string) => hashToken(code.toLowerCase().replace(/[\s-]+/g, ""));
