import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "vc-peer-"));
  process.env.SECRET_KEY_FILE = path.join(dir, "secret.key");
  writeFileSync(process.env.SECRET_KEY_FILE, Buffer.alloc(32, 7).toString("base64"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("calls between instances", () => {
  it("are accepted only as signed: same key, same method, path and body, within half a minute", async () => {
    const { signPeerCall, verifyPeerCall } = await import("@/lib/server/cluster/peer-auth");
    const at = 1_700_000_000_000;
    const header = signPeerCall("i-abc", "POST", "/internal/x?y=1", '{"a":1}', at);
    expect(verifyPeerCall(header, "POST", "/internal/x?y=1", '{"a":1}', at + 1000)).toBe(true);
    expect(verifyPeerCall(header, "GET", "/internal/x?y=1", '{"a":1}', at)).toBe(false);
    expect(verifyPeerCall(header, "POST", "/internal/x?y=2", '{"a":1}', at)).toBe(false);
    expect(verifyPeerCall(header, "POST", "/internal/x?y=1", '{"a":2}', at)).toBe(false);
    expect(verifyPeerCall(header, "POST", "/internal/x?y=1", '{"a":1}', at + 31_000)).toBe(false);
    expect(verifyPeerCall(undefined, "POST", "/internal/x?y=1", "", at)).toBe(false);
    expect(
      verifyPeerCall(
        header.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
        "POST",
        "/internal/x?y=1",
        '{"a":1}',
        at,
      ),
    ).toBe(false);
  });

  it("made with another secret key are refused", async () => {
    const { signPeerCall, verifyPeerCall } = await import("@/lib/server/cluster/peer-auth");
    const header = signPeerCall("i-abc", "GET", "/internal/metrics/latest");
    writeFileSync(process.env.SECRET_KEY_FILE!, Buffer.alloc(32, 9).toString("base64"));
    expect(verifyPeerCall(header, "GET", "/internal/metrics/latest")).toBe(false);
  });
});
