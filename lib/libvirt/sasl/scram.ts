// SCRAM (RFC 5802, with SHA-256 from RFC 7677): the password never crosses the wire, and the server
// proves it knows the password too. Used for libvirt's SASL authentication (Cyrus' "scram" plugin).
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

export type ScramHash = "sha256" | "sha1";

export const SCRAM_MECHANISMS: Record<string, ScramHash> = { "SCRAM-SHA-256": "sha256", "SCRAM-SHA-1": "sha1" };

export class ScramError extends Error {
  override name = "ScramError";
}

/** SASLprep is out of scope: names are sent as given, with ',' and '=' escaped as RFC 5802 asks. */
const saslName = (name: string) => name.replace(/=/g, "=3D").replace(/,/g, "=2C");

function attributes(message: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of message.split(",")) {
    const eq = part.indexOf("=");
    if (eq === 1) found.set(part[0], part.slice(2));
  }
  return found;
}

/**
 * One SCRAM exchange from the client's side:
 *   first() → client-first-message; final(serverFirst) → client-final-message; verify(serverFinal).
 */
export class ScramClient {
  private readonly nonce: string;
  private clientFirstBare = "";
  private expectedServerSignature: Buffer | null = null;

  constructor(
    private readonly hash: ScramHash,
    private readonly username: string,
    private readonly password: string,
    nonce = randomBytes(18).toString("base64"),
  ) {
    this.nonce = nonce;
  }

  first(): string {
    this.clientFirstBare = `n=${saslName(this.username)},r=${this.nonce}`;
    return `n,,${this.clientFirstBare}`;
  }

  final(serverFirst: string): string {
    const attrs = attributes(serverFirst);
    if (attrs.has("e")) throw new ScramError(`the server refused: ${attrs.get("e")}`);
    const nonce = attrs.get("r");
    const salt = attrs.get("s");
    const iterations = Number(attrs.get("i"));
    if (!nonce || !salt || !Number.isInteger(iterations) || iterations < 1) throw new ScramError("malformed server-first-message");
    if (!nonce.startsWith(this.nonce)) throw new ScramError("the server's nonce does not extend ours");
    if (iterations > 1_000_000) throw new ScramError(`refusing ${iterations} iterations`);
    const size = this.hash === "sha256" ? 32 : 20;
    const salted = pbkdf2Sync(this.password, Buffer.from(salt, "base64"), iterations, size, this.hash);
    const clientKey = this.hmac(salted, "Client Key");
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const withoutProof = `c=biws,r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
    const signature = this.hmac(storedKey, authMessage);
    const proof = Buffer.alloc(size);
    for (let i = 0; i < size; i++) proof[i] = clientKey[i] ^ signature[i];
    this.expectedServerSignature = this.hmac(this.hmac(salted, "Server Key"), authMessage);
    return `${withoutProof},p=${proof.toString("base64")}`;
  }

  /** Throws unless the server proved it holds the same password. */
  verify(serverFinal: string): void {
    const attrs = attributes(serverFinal);
    if (attrs.has("e")) throw new ScramError(`the server refused: ${attrs.get("e")}`);
    const got = Buffer.from(attrs.get("v") ?? "", "base64");
    if (
      !this.expectedServerSignature ||
      got.length !== this.expectedServerSignature.length ||
      !timingSafeEqual(got, this.expectedServerSignature)
    ) {
      throw new ScramError("the server's signature is wrong: it does not know this password");
    }
  }

  private hmac(key: Buffer, text: string): Buffer {
    return createHmac(this.hash, key).update(text).digest();
  }
}
