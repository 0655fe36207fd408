import "server-only";
import path from "node:path";
import type { Env } from "../env";
import { ensureSelfSignedCertificate, type CertificateFiles } from "./certificate";

/** The certificate to serve, or null when TLS is off (a proxy in front terminates it). */
export function tlsFiles(config: Env): (CertificateFiles & { selfSigned: boolean; created: boolean }) | null {
  if (config.TLS === "off") return null;
  if (config.TLS_CERT_FILE && config.TLS_KEY_FILE) {
    return { certFile: config.TLS_CERT_FILE, keyFile: config.TLS_KEY_FILE, selfSigned: false, created: false };
  }
  return { ...ensureSelfSignedCertificate(path.join(config.DATA_DIR, "tls")), selfSigned: true };
}
