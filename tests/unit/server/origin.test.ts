import { describe, expect, it } from "vitest";
import { cookieFromHeader } from "@/lib/server/auth/session";
import { isHttps, isSameOrigin } from "@/lib/server/http/origin";

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe("same-origin check", () => {
  it("accepts the console's own origin and refuses others", () => {
    expect(isSameOrigin(headers({ host: "console.local:3000", origin: "http://console.local:3000" }))).toBe(true);
    expect(isSameOrigin(headers({ host: "console.local:3000", origin: "http://evil.example" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "console.local:3000", origin: "https://console.local:3000" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "console.local", origin: "https://console.local", "x-forwarded-proto": "https" }))).toBe(true);
    expect(isSameOrigin(headers({ host: "console.local", origin: "https://console.local" }), true)).toBe(true);
  });

  it("without an Origin header only trusts Sec-Fetch-Site: same-origin", () => {
    expect(isSameOrigin(headers({ host: "c" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "c", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "c", "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("knows when the browser used HTTPS", () => {
    expect(isHttps(headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps(headers({}), true)).toBe(true);
    expect(isHttps(headers({}))).toBe(false);
  });
});

describe("cookieFromHeader", () => {
  it("finds the session cookie among others", () => {
    expect(cookieFromHeader("a=1; vc_session=abc%3D; b=2")).toBe("abc=");
    expect(cookieFromHeader("vc_sessionx=1; a=2")).toBeUndefined();
    expect(cookieFromHeader(undefined)).toBeUndefined();
  });
});
