// Makes (once) the console's self-signed certificate in a directory, as the server does on its first start, and
// prints its files and public-key pin as JSON. The e2e configuration uses it so the browser can trust exactly
// that certificate by its fingerprint.
import { readFileSync } from "node:fs";
import { certificateFingerprint, ensureSelfSignedCertificate, publicKeyPin } from "@/lib/server/tls/certificate";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: tsx scripts/tls-certificate.ts <directory>");
  process.exit(2);
}
const files = ensureSelfSignedCertificate(dir);
const pem = readFileSync(files.certFile);
console.log(JSON.stringify({ ...files, fingerprint: certificateFingerprint(pem), pin: publicKeyPin(pem) }));
