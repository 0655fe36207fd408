import "server-only";
import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export type CertificateFiles = { certFile: string; keyFile: string };

/**
 * The certificate the console serves HTTPS with when an admin named none: made once with openssl (an EC P-256 key,
 * valid 825 days, for this machine's name, localhost and the loopback addresses) and kept in DATA_DIR/tls.
 * People compare its SHA-256 fingerprint (printed at start) with what their browser shows, as with Cockpit or
 * Proxmox, or an admin replaces it with a real one (TLS_CERT_FILE/TLS_KEY_FILE).
 */
export function ensureSelfSignedCertificate(dir: string, names: string[] = [hostname()]): CertificateFiles & { created: boolean } {
  const certFile = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  if (existsSync(certFile) && existsSync(keyFile)) return { certFile, keyFile, created: false };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dns = [...new Set([...names, "localhost"])].map((n) => `DNS:${n}`);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "825",
      "-subj",
      `/CN=${names[0]}/O=virt-console (self-signed)`,
      "-addext",
      `subjectAltName=${[...dns, "IP:127.0.0.1", "IP:::1"].join(",")}`,
      "-addext",
      "extendedKeyUsage=serverAuth",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "pipe" },
  );
  return { certFile, keyFile, created: true };
}

/** "AB:CD:…": what browsers show as the certificate's SHA-256 fingerprint. */
export function certificateFingerprint(certPem: string | Buffer): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** Base64 SHA-256 of the public key (SPKI), the form Chromium's --ignore-certificate-errors-spki-list takes. */
export function publicKeyPin(certPem: string | Buffer): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

export function readCertificate(files: CertificateFiles): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
}
