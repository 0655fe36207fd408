import "server-only";

/**
 * Counts failed logins per account and per address in a sliding window. In memory on purpose: one
 * console process serves all requests, and a restart forgetting failures is acceptable. Shared through
 * globalThis because server.ts and the Next bundle load their own copy of this module.
 */
export type ThrottleLimits = { perAccount: number; perAddress: number; windowMs: number };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0 if it is allowed now. */
  retryAfter(username: string, address: string): number {
    return Math.max(
      this.wait(`user:${username.toLowerCase()}`, this.limits.perAccount),
      this.wait(`addr:${address}`, this.limits.perAddress),
    );
  }

  recordFailure(username: string, address: string): void {
    for (const key of [`user:${username.toLowerCase()}`, `addr:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(`user:${username.toLowerCase()}`);
  }

  private wait(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    return list[list.length - limit] + this.limits.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
