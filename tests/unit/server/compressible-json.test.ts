import { createServer, get as httpGet, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The middleware Next.js itself compresses with (router-server.js), so the test sees what the server does.
// @ts-expect-error: Next ships it compiled, without types
import compression from "next/dist/compiled/compression";
import { compressibleJson } from "@/lib/server/http/compressible-json";

const body = JSON.stringify({ guests: Array.from({ length: 500 }, (_, i) => ({ name: `guest-${i}`, state: "running" })) });

/** Answers as Next.js's route handlers do: each header set as an array (base-http/node.js appendHeader). */
function answer(res: ServerResponse, type: string) {
  res.statusCode = 200;
  res.setHeader("content-type", [type]);
  res.setHeader("set-cookie", ["a=1"]);
  res.flushHeaders();
  res.write(body);
  res.end();
}

let base = "";
const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.searchParams.has("fixed")) compressibleJson(res);
  (compression as () => (q: unknown, s: unknown, n: () => void) => void)()(req, res, () => undefined);
  answer(res, url.searchParams.get("type") ?? "application/json");
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve())));
beforeAll(() => void (base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The raw bytes, as they went over the wire (fetch would decode them). */
function get(query: string): Promise<{ encoding: string | null; type: string | null; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(`${base}/?${query}`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          encoding: res.headers["content-encoding"] ?? null,
          type: res.headers["content-type"] ?? null,
          bytes: Buffer.concat(chunks),
        }),
      );
    }).on("error", reject);
  });
}

describe("compressibleJson", () => {
  it("sends Next.js's JSON answers gzipped, which its middleware otherwise leaves uncompressed", async () => {
    const before = await get("type=application/json");
    expect(before.encoding).toBeNull();

    const after = await get("fixed&type=application/json");
    expect(after.encoding).toBe("gzip");
    expect(after.type).toBe("application/json");
    expect(after.bytes.length).toBeLessThan(body.length / 5);
    expect(gunzipSync(after.bytes).toString()).toBe(body);
  });

  it("compresses JSON with parameters and +json types too", async () => {
    expect((await get(`fixed&type=${encodeURIComponent("application/json; charset=utf-8")}`)).encoding).toBe("gzip");
    expect((await get(`fixed&type=${encodeURIComponent("application/problem+json")}`)).encoding).toBe("gzip");
  });

  it("leaves other answers (streamed text, files) as they were", async () => {
    const text = await get(`fixed&type=${encodeURIComponent("text/plain; charset=utf-8")}`);
    expect(text.encoding).toBeNull();
    expect(text.bytes.toString()).toBe(body);
  });
});
