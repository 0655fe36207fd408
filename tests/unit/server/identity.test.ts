import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { can, grantWithin, intersectGrants, permissions, type Grant, type Scope } from "@/lib/roles";
import { parseMappings, formatMappings } from "@/lib/identity/mapping-lines";
import { bearerSecret } from "@/lib/server/auth/bearer";
import { acceptedStep, hashRecoveryCode, newRecoveryCodes } from "@/lib/server/auth/totp";
import { escapeFilterValue } from "@/lib/server/identity/ldap";
import { mappedGrants } from "@/lib/server/identity/external-user";

const g = (
  role: Grant["role"],
  scope: Grant["scope"] = "global",
  hostId: string | null = null,
  guestUuid: string | null = null,
): Grant => ({
  role,
  scope,
  hostId,
  guestUuid,
});

describe("a token's grants met with its owner's", () => {
  const pool: Grant[] = [
    g("admin"),
    g("operator"),
    g("viewer"),
    g("helpdesk"),
    g("operator", "host", "h1"),
    g("viewer", "host", "h2"),
    g("helpdesk", "guest", "h1", "u1"),
    g("operator", "guest", "h2", "u2"),
  ];
  const scopes: Scope[] = [
    { kind: "global" },
    { kind: "host", hostId: "h1" },
    { kind: "host", hostId: "h2" },
    { kind: "guest", hostId: "h1", guestUuid: "u1" },
    { kind: "guest", hostId: "h1", guestUuid: "u9" },
    { kind: "guest", hostId: "h2", guestUuid: "u2" },
  ];
  // Every pair of subsets of up to two grants: the intersection allows exactly what both allow.
  const subsets = pool.flatMap((a, i) => [[a], ...pool.slice(i + 1).map((b) => [a, b])]);
  it("allows exactly what both allow, for every permission and scope", () => {
    const wrong: string[] = [];
    for (const token of subsets)
      for (const owner of subsets) {
        const both = intersectGrants(token, owner);
        for (const p of permissions)
          for (const s of scopes)
            if (can(both, p, s) !== (can(token, p, s) && can(owner, p, s))) wrong.push(JSON.stringify({ token, owner, p, s }));
      }
    expect(wrong).toEqual([]);
    // And it is not vacuous: some pairs allow something, some narrow it.
    expect(can(intersectGrants([g("operator")], [g("viewer", "host", "h1")]), "guest.view", { kind: "host", hostId: "h1" })).toBe(true);
    expect(can(intersectGrants([g("operator")], [g("viewer", "host", "h1")]), "guest.power", { kind: "host", hostId: "h1" })).toBe(false);
  });
  it("a token grant is within the owner's only when nothing it gives is beyond them", () => {
    expect(grantWithin(g("viewer"), [g("operator")])).toBe(true);
    expect(grantWithin(g("operator", "host", "h1"), [g("operator")])).toBe(true);
    expect(grantWithin(g("operator"), [g("operator", "host", "h1")])).toBe(false);
    expect(grantWithin(g("admin"), [g("operator")])).toBe(false);
    expect(grantWithin(g("helpdesk", "guest", "h1", "u1"), [g("operator", "host", "h1")])).toBe(true);
  });
});

describe("TOTP", () => {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const code = (at: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at });
  const now = 1_800_000_000_000;
  it("accepts the code of now and of one step either side, once", () => {
    const step = acceptedStep(secret, code(now), null, now);
    expect(step).toBe(Math.floor(now / 30_000));
    expect(acceptedStep(secret, code(now), step, now)).toBeNull();
    expect(acceptedStep(secret, code(now + 30_000), step, now)).toBe(step! + 1);
    expect(acceptedStep(secret, code(now - 30_000), null, now)).toBe(step! - 1);
    expect(acceptedStep(secret, code(now + 90_000), null, now)).toBeNull();
    expect(acceptedStep(secret, "12345", null, now)).toBeNull();
  });
  it("recovery codes are random, hashed alike however they are typed", () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(hashRecoveryCode(codes[0].toUpperCase().replace(/-/g, " "))).toBe(hashes[0]);
  });
});

describe("identity helpers", () => {
  it("reads only API tokens from Authorization", () => {
    expect(bearerSecret("Bearer vct_abc")).toBe("vct_abc");
    expect(bearerSecret("bearer  vct_abc ")).toBe("vct_abc");
    expect(bearerSecret("Bearer something-else")).toBeNull();
    expect(bearerSecret("Basic dmN0Xw==")).toBeNull();
    expect(bearerSecret(null)).toBeNull();
  });
  it("escapes what a name could mean in an LDAP filter", () => {
    expect(escapeFilterValue("a*)(uid=*\\")).toBe("a\\2a\\29\\28uid=\\2a\\5c");
  });
  it("maps groups to grants case-insensitively, once each", () => {
    const mappings = [
      { group: "Admins", grant: { role: "admin" as const, scope: "global" as const } },
      { group: "admins", grant: { role: "admin" as const, scope: "global" as const } },
      { group: "lab", grant: { role: "operator" as const, scope: "host" as const, hostId: "h1" } },
    ];
    expect(mappedGrants(mappings, ["ADMINS"])).toEqual([g("admin")]);
    expect(mappedGrants(mappings, ["lab", "other"])).toEqual([g("operator", "host", "h1")]);
  });
  it("reads and writes mapping lines", () => {
    const hosts = [{ id: "h1", name: "lab-1" }];
    const parsed = parseMappings("admins = admin\n# a comment\nlab ops = operator @lab-1\ndesk = helpdesk @lab-1/u-1", hosts);
    expect(parsed).toEqual({
      mappings: [
        { group: "admins", grant: { role: "admin", scope: "global" } },
        { group: "lab ops", grant: { role: "operator", scope: "host", hostId: "h1" } },
        { group: "desk", grant: { role: "helpdesk", scope: "guest", hostId: "h1", guestUuid: "u-1" } },
      ],
    });
    if ("mappings" in parsed)
      expect(formatMappings(parsed.mappings, hosts)).toBe("admins = admin\nlab ops = operator @lab-1\ndesk = helpdesk @lab-1/u-1");
    expect(parseMappings("x = king", hosts)).toEqual({ error: { key: "notRole", line: 1, role: "king" } });
    expect(parseMappings("# lab\nx = viewer @nowhere", hosts)).toEqual({ error: { key: "noHost", line: 2, host: "nowhere" } });
    expect(parseMappings("just words", hosts)).toEqual({ error: { key: "unreadable", line: 1 } });
  });
});
