import { describe, expect, it } from "vitest";
import { decide, type FailureHistory } from "@/lib/server/auth/throttle";

const limits = { perAccountFromAddress: 3, perAddress: 5, slowdownAfter: 4, windowMs: 60_000 };
const none: FailureHistory = { accountFromAddress: [], address: [], accountTotal: 0 };
const now = 1_000_000;

describe("sign-in throttling policy", () => {
  it("lets a clean attempt through at once", () => {
    expect(decide(none, limits, now)).toEqual({ refuseForMs: 0, delayMs: 0 });
  });

  it("refuses one account from one address after its limit, until the oldest counted failure leaves the window", () => {
    const times = [now - 1_000, now - 2_000, now - 3_000];
    expect(decide({ ...none, accountFromAddress: times, accountTotal: 3 }, limits, now).refuseForMs).toBe(60_000 - 3_000);
    expect(decide({ ...none, accountFromAddress: times.slice(0, 2), accountTotal: 2 }, limits, now).refuseForMs).toBe(0);
  });

  it("refuses an address that failed on many accounts", () => {
    const times = [1, 2, 3, 4, 5].map((i) => now - i * 100);
    expect(decide({ ...none, address: times }, limits, now).refuseForMs).toBe(60_000 - 500);
  });

  it("only slows an account that failed from other addresses: the right person at a clean address is never refused", () => {
    const sprayed: FailureHistory = { accountFromAddress: [], address: [], accountTotal: 40 };
    const decision = decide(sprayed, limits, now);
    expect(decision.refuseForMs).toBe(0);
    expect(decision.delayMs).toBe(8_000);
  });

  it("the slowdown doubles from 1 s per failure past the threshold and stops at 8 s", () => {
    const delay = (accountTotal: number) => decide({ ...none, accountTotal }, limits, now).delayMs;
    expect([3, 4, 5, 6, 7, 8].map(delay)).toEqual([0, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });
});
