import "server-only";
import type { HostFormInput } from "@/lib/validations/hosts";
import { loadCredentials, type HostCredentials } from "./credentials";

/** The secrets a form carries for its kind of host; empty fields are left out. */
function fromForm(input: HostFormInput): HostCredentials {
  const pick = (c: HostCredentials) => Object.fromEntries(Object.entries(c).filter(([, v]) => v)) as HostCredentials;
  if (input.kind === "ssh")
    return pick(input.auth === "key" ? { privateKey: input.privateKey, passphrase: input.passphrase } : { password: input.password });
  if (input.kind === "tls") return pick({ tlsCa: input.tlsCa, tlsCert: input.tlsCert, tlsKey: input.tlsKey, password: input.password });
  if (input.kind === "tcp") return pick({ password: input.password });
  return {};
}

/**
 * Secrets for a form, where an empty secret field on an existing host means "keep what is stored".
 * Only the secrets the chosen kind and auth method use survive, so switching from a password to a
 * key drops the password.
 */
export async function credentialsForForm(input: HostFormInput, storedRef: string | null = null): Promise<HostCredentials> {
  // Secrets that can no longer be read (secret key lost or replaced) count as not stored: the
  // form then asks for them again instead of failing.
  const stored = await loadCredentials(storedRef).catch((): HostCredentials => ({}));
  const merged = { ...stored, ...fromForm(input) };
  if (input.kind === "ssh" && input.auth === "key") return { privateKey: merged.privateKey, passphrase: merged.passphrase };
  if (input.kind === "ssh") return { password: merged.password };
  // The SASL password only matters with a SASL user.
  const sasl = (input.kind === "tls" || input.kind === "tcp") && input.saslUser ? { password: merged.password } : {};
  if (input.kind === "tls") return { tlsCa: merged.tlsCa, tlsCert: merged.tlsCert, tlsKey: merged.tlsKey, ...sasl };
  if (input.kind === "tcp") return sasl;
  return {};
}

/** Field errors for secrets the form must carry (or the host must already have). */
export function missingSecrets(input: HostFormInput, credentials: HostCredentials): Record<string, string> {
  const missing: Record<string, string> = {};
  if (input.kind === "ssh" && input.auth === "key" && !credentials.privateKey) missing.privateKey = "Paste or upload the private key";
  if (input.kind === "ssh" && input.auth === "password" && !credentials.password) missing.password = "Enter the password";
  if ((input.kind === "tls" || input.kind === "tcp") && input.saslUser && !credentials.password)
    missing.password = "Enter the SASL password";
  return missing;
}
