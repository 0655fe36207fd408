import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ApiError } from "../http/errors";

/**
 * Writes a body (an upload or a download) into a scratch file, counting and hashing as it passes, and
 * stops with a clear refusal once it is larger than announced or allowed. Returns the bytes and SHA-256.
 */
export async function receiveToFile(
  body: Readable,
  file: string,
  { maxBytes, onBytes, signal }: { maxBytes: number; onBytes: (bytes: number) => void; signal: AbortSignal },
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new ApiError(413, { key: "uploadMoreThanAnnounced", values: { bytes: String(maxBytes) } }));
      hash.update(chunk);
      onBytes(bytes);
      done(null, chunk);
    },
  });
  await pipeline(body, counted, createWriteStream(file, { flags: "wx", mode: 0o600 }), { signal });
  return { bytes, sha256: hash.digest("hex") };
}
