import { describe, expect, it } from "vitest";
import { scopeCovers, type ScopeColumns } from "@/lib/alerts/scopes";
import { alertRuleSchema } from "@/lib/validations/alerts";

const rule = (r: Partial<ScopeColumns>): ScopeColumns => ({ scope: "global", hostId: null, guestUuid: null, pool: null, tag: null, ...r });
const GUEST = "7b0c2a1e-5d1f-4c8e-9a51-0d5b3c2e9f10";

describe("alert rule scopes", () => {
  it("cover everything, one host, one guest on it", () => {
    expect(scopeCovers(rule({}), { hostId: "h1" })).toBe(true);
    expect(scopeCovers(rule({ scope: "host", hostId: "h1" }), { hostId: "h1", guestUuid: GUEST })).toBe(true);
    expect(scopeCovers(rule({ scope: "host", hostId: "h1" }), { hostId: "h2" })).toBe(false);
    expect(scopeCovers(rule({ scope: "guest", hostId: "h1", guestUuid: GUEST }), { hostId: "h1", guestUuid: GUEST })).toBe(true);
    expect(scopeCovers(rule({ scope: "guest", hostId: "h1", guestUuid: GUEST }), { hostId: "h2", guestUuid: GUEST })).toBe(false);
    expect(scopeCovers(rule({ scope: "guest", hostId: "h1", guestUuid: GUEST }), { hostId: "h1" })).toBe(false);
  });

  it("cover a pool by host and name", () => {
    const pool = rule({ scope: "pool", hostId: "h1", pool: "default" });
    expect(scopeCovers(pool, { hostId: "h1", pool: "default" })).toBe(true);
    expect(scopeCovers(pool, { hostId: "h1", pool: "images" })).toBe(false);
    expect(scopeCovers(pool, { hostId: "h2", pool: "default" })).toBe(false);
    expect(scopeCovers(pool, { hostId: "h1" })).toBe(false);
  });

  it("cover a guest by the tags it has when judged, on any host, and never a host", () => {
    const tagged = rule({ scope: "tag", tag: "web" });
    expect(scopeCovers(tagged, { hostId: "h1", guestUuid: GUEST, tags: ["db", "web"] })).toBe(true);
    expect(scopeCovers(tagged, { hostId: "h9", guestUuid: GUEST, tags: ["web"] })).toBe(true);
    expect(scopeCovers(tagged, { hostId: "h1", guestUuid: GUEST, tags: ["db"] })).toBe(false);
    expect(scopeCovers(tagged, { hostId: "h1", guestUuid: GUEST })).toBe(false);
    expect(scopeCovers(tagged, { hostId: "h1", tags: ["web"] })).toBe(false);
    expect(scopeCovers(rule({ scope: "elsewhere" }), { hostId: "h1" })).toBe(false);
  });

  it("are checked against what the rule watches: a tag for guests, a pool for pools", () => {
    const base = { name: "r", enabled: true, webhookUrl: "", webhookSecret: "" };
    const metric = { ...base, kind: "metric", comparison: "above", level: 90, durationMinutes: 5 };
    expect(alertRuleSchema.safeParse({ ...metric, target: "guest.cpu", scope: "tag", tag: "web" }).success).toBe(true);
    expect(alertRuleSchema.safeParse({ ...metric, target: "host.cpu", scope: "tag", tag: "web" }).success).toBe(false);
    expect(alertRuleSchema.safeParse({ ...metric, target: "pool.usage", scope: "pool", hostId: "h1", pool: "default" }).success).toBe(true);
    expect(alertRuleSchema.safeParse({ ...metric, target: "guest.cpu", scope: "pool", hostId: "h1", pool: "default" }).success).toBe(false);
    expect(alertRuleSchema.safeParse({ ...base, kind: "event", target: "guest.paused", scope: "tag", tag: "web" }).success).toBe(true);
    expect(
      alertRuleSchema.safeParse({ ...base, kind: "forecast", target: "pool.space.full", level: 30, scope: "pool", hostId: "h1", pool: "p" })
        .success,
    ).toBe(true);
    expect(alertRuleSchema.safeParse({ ...metric, target: "guest.cpu", scope: "tag", tag: "" }).success).toBe(false);
  });
});
