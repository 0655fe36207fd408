import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backoffMs } from "@/lib/server/alerts/deliver";
import { signBody, verifySignature } from "@/lib/server/alerts/signature";

describe("webhook signature", () => {
  const body = JSON.stringify({ event: "alert.fired", alert: { id: "a1" } });

  it("is the hex HMAC-SHA256 of the exact body with the rule's key", () => {
    const expected = createHmac("sha256", "k3y").update(body).digest("hex");
    expect(signBody(body, "k3y")).toBe(`sha256=${expected}`);
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(signBody("what do ya want for nothing?", "Jefe")).toBe(
      "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("verifies only the same body with the same key", () => {
    const header = signBody(body, "k3y");
    expect(verifySignature(body, "k3y", header)).toBe(true);
    expect(verifySignature(`${body} `, "k3y", header)).toBe(false);
    expect(verifySignature(body, "other", header)).toBe(false);
    expect(verifySignature(body, "k3y", undefined)).toBe(false);
    expect(verifySignature(body, "k3y", "sha256=00")).toBe(false);
  });
});

describe("notification backoff", () => {
  it("doubles from 30 s and stops growing at an hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3_600_000);
  });
});
