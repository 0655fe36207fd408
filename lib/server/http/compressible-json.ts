import "server-only";
import type { ServerResponse } from "node:http";

// Next.js compresses what it serves (next.config's `compress`, on by default: gzip through the `compression`
// middleware), but its route handlers set every header as an array (base-http/node.js appendHeader), and the
// middleware only compresses a response whose Content-Type is a string. So every JSON answer of the API went out
// uncompressed (/api/guests: 3.9 MB at 10,000 guests) while pages were gzipped.

const isJson = (type: string) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type);

/**
 * Lets Next.js compress this response if it is JSON: a Content-Type set as a one-value array is set as its string.
 * Only JSON: streamed text (serial logs) and files keep going out as they are.
 */
export function compressibleJson(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    const single = Array.isArray(value) && value.length === 1 ? value[0] : null;
    return setHeader(name, single !== null && name.toLowerCase() === "content-type" && isJson(single) ? single : value);
  };
}
