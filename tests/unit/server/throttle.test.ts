import { describe, expect, it } from "vitest";
import { LoginThrottle } from "@/lib/server/auth/throttle";

const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };

describe("LoginThrottle", () => {
  it("blocks an account after its limit and frees it when the window slides past", () => {
    let now = 1_000_000;
    const t = new LoginThrottle(limits, () => now);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter("alice", "10.0.0.1")).toBe(0);
      t.recordFailure("alice", "10.0.0.1");
      now += 1_000;
    }
    expect(t.retryAfter("alice", "10.0.0.2")).toBe(60_000 - 3_000);
    expect(t.retryAfter("ALICE", "10.0.0.3")).toBeGreaterThan(0); // names are case-insensitive
    expect(t.retryAfter("bob", "10.0.0.2")).toBe(0);
    now += 57_001;
    expect(t.retryAfter("alice", "10.0.0.2")).toBe(0);
  });

  it("blocks an address that tries many accounts", () => {
    const t = new LoginThrottle(limits, () => 0);
    for (let i = 0; i < 5; i++) t.recordFailure(`user${i}`, "192.0.2.7");
    expect(t.retryAfter("someone-new", "192.0.2.7")).toBe(60_000);
    expect(t.retryAfter("someone-new", "192.0.2.8")).toBe(0);
  });

  it("a successful sign-in clears the account's failures but not the address's", () => {
    const t = new LoginThrottle(limits, () => 0);
    for (let i = 0; i < 3; i++) t.recordFailure("carol", "198.51.100.1");
    t.recordSuccess("carol");
    expect(t.retryAfter("carol", "198.51.100.9")).toBe(0);
    t.recordFailure("x", "198.51.100.1");
    t.recordFailure("y", "198.51.100.1");
    expect(t.retryAfter("z", "198.51.100.1")).toBe(60_000);
  });
});
