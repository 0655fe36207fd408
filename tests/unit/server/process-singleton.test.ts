import { describe, expect, it, vi } from "vitest";
import { processSingleton } from "@/lib/server/process-singleton";

describe("processSingleton", () => {
  it("makes the instance once and hands the same one to every copy of the module", async () => {
    const name = `test-${Math.random()}`;
    let made = 0;
    const create = () => ({ n: ++made });
    const first = processSingleton(name, create);
    expect(processSingleton(name, create)).toBe(first);
    // A second copy of the module, as a route bundle loads next to server.ts.
    vi.resetModules();
    const other = await import("@/lib/server/process-singleton");
    expect(other.processSingleton).not.toBe(processSingleton);
    expect(other.processSingleton(name, create)).toBe(first);
    expect(made).toBe(1);
  });

  it("keeps a falsy instance instead of making it again", () => {
    const name = `test-${Math.random()}`;
    let made = 0;
    expect(processSingleton(name, () => (made++, 0))).toBe(0);
    expect(processSingleton(name, () => (made++, 1))).toBe(0);
    expect(made).toBe(1);
  });
});
