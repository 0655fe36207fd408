import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/server/http/security-headers";

/** The policy as directive → sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

const csp = { nonce: "bm9uY2Utbm9uY2Utbm9uY2U=", dev: false, origins: ["http://console.local:3000"] };

describe("content security policy", () => {
  it("lets only the console's own scripts run: inline ones with this response's nonce, files from its origin", () => {
    const policy = parse(contentSecurityPolicy(csp));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2Utbm9uY2Utbm9uY2U='"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'self'"]);
    expect(policy.get("worker-src")).toEqual(["'none'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    // A nonce in style-src would switch 'unsafe-inline' off.
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(contentSecurityPolicy(csp)).not.toContain("unsafe-eval");
  });

  it("allows eval only to React's development build", () => {
    expect(parse(contentSecurityPolicy({ ...csp, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("names the console's own WebSocket origins for browsers before CSP3, and nothing a Host header smuggles in", () => {
    const origins = ["https://console.example", "http://console.example", "http://10.0.0.5:3000", "http://[::1]:3000"];
    expect(parse(contentSecurityPolicy({ ...csp, origins })).get("connect-src")).toEqual([
      "'self'",
      "ws://console.example",
      "wss://console.example",
      "ws://10.0.0.5:3000",
      "wss://10.0.0.5:3000",
      "ws://[::1]:3000",
      "wss://[::1]:3000",
    ]);
    const hostile = contentSecurityPolicy({ ...csp, origins: ["http://a; script-src *", "http://a b", "http://x'y"] });
    expect(parse(hostile).get("connect-src")).toEqual(["'self'"]);
    expect(parse(hostile).get("script-src")).toEqual(parse(contentSecurityPolicy(csp)).get("script-src"));
  });

  it("makes a fresh nonce each time, in the form Next.js reads from script-src", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("security headers", () => {
  it("send the policy only for pages, and the rest always", () => {
    const page = securityHeaders({ https: false, csp });
    const other = securityHeaders({ https: false });
    expect(page["Content-Security-Policy"]).toBe(contentSecurityPolicy(csp));
    expect(other).not.toHaveProperty("Content-Security-Policy");
    for (const headers of [page, other]) {
      expect(headers).toMatchObject({
        "Referrer-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN",
        "Cross-Origin-Opener-Policy": "same-origin",
      });
    }
  });

  it("deny unused browser features and keep clipboard and full screen for the consoles", () => {
    const policy = new Map(
      securityHeaders({ https: false })
        ["Permissions-Policy"]!.split(", ")
        .map((p) => p.split("=") as [string, string]),
    );
    for (const denied of ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "display-capture"])
      expect(policy.get(denied)).toBe("()");
    for (const kept of ["clipboard-read", "clipboard-write", "fullscreen"]) expect(policy.get(kept)).toBe("(self)");
  });

  it("pin HTTPS only when the browser came over HTTPS", () => {
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(securityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
  });
});
