/**
 * Polls `check` until it returns something truthy and returns that value, or fails naming `what` once
 * `timeoutMs` has passed: how tests wait for a condition instead of sleeping a fixed time.
 */
export async function until<T>(
  what: string,
  check: () => Promise<T> | T,
  { timeoutMs = 30_000, everyMs = 100 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
