// The session's hot-path machinery: one shared deadline timer instead of a timer per call.
import { describe, expect, it, vi } from "vitest";
import { TimeoutError } from "../../../lib/libvirt/errors";
import type { Packet } from "../../../lib/libvirt/framing";
import { encodeRemoteConnectGetVersionRet, remoteProcedures as p } from "../../../lib/libvirt/generated/remote";
import { RpcSession } from "../../../lib/libvirt/rpc";
import { duplexPair, encodeWith, FakeDaemon, type Handler } from "./fake-daemon";

const version = (v: bigint): Buffer => encodeWith(encodeRemoteConnectGetVersionRet, { hv_ver: v });

function session(handler: Handler, maxInFlight?: number): { s: RpcSession; d: FakeDaemon } {
  const [client, server] = duplexPair();
  return { s: new RpcSession(client, { maxInFlight }), d: new FakeDaemon(server, handler) };
}

describe("RpcSession deadlines", () => {
  it("times each call out at its own deadline from one shared timer", async () => {
    const held: Packet[] = [];
    const { s, d } = session((pk) => held.push(pk));
    const t0 = performance.now();
    const settledAt = (promise: Promise<unknown>): Promise<{ ms: number; err: unknown }> =>
      promise.then(
        () => ({ ms: performance.now() - t0, err: null }),
        (err: unknown) => ({ ms: performance.now() - t0, err }),
      );
    const slow = settledAt(s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 60 }));
    const fast = settledAt(s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 15 }));
    const answered = settledAt(s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 40 }));
    const untimed = s.call(p.CONNECT_GET_VERSION, undefined);
    await new Promise((r) => setTimeout(r, 25));
    d.reply(held[2], version(3n));
    const [a, b, c] = await Promise.all([slow, fast, answered]);
    expect(b.err).toBeInstanceOf(TimeoutError);
    expect((b.err as Error).message).toBe("CONNECT_GET_VERSION timed out after 15 ms");
    expect(b.ms).toBeGreaterThanOrEqual(14);
    expect(b.ms).toBeLessThan(a.ms);
    expect(c.err).toBeNull();
    expect(a.err).toBeInstanceOf(TimeoutError);
    expect((a.err as Error).message).toContain("after 60 ms");
    expect(a.ms).toBeGreaterThanOrEqual(59);
    d.reply(held[3], version(4n));
    expect((await untimed).hv_ver).toBe(4n);
    s.destroy(new Error("done"));
  });

  it("does not start a timer per call, and clears its timer when the session ends", async () => {
    const { s, d } = session((pk) => d.reply(pk, version(1n)));
    const set = vi.spyOn(globalThis, "setTimeout");
    const clear = vi.spyOn(globalThis, "clearTimeout");
    try {
      for (let round = 0; round < 3; round++) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 60_000 + i })));
      }
      expect(set).toHaveBeenCalledTimes(1);
      expect(clear).not.toHaveBeenCalled();
      s.destroy(new Error("done"));
      expect(clear).toHaveBeenCalledTimes(1);
      expect(clear.mock.calls[0][0]).toBe(set.mock.results[0].value);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });

  it("times out a queued call that never got a slot", async () => {
    const { s } = session(() => undefined, 1);
    const first = s.call(p.CONNECT_GET_VERSION, undefined).catch((e: unknown) => e);
    await expect(s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 10 })).rejects.toBeInstanceOf(TimeoutError);
    expect(s.pendingCount).toBe(1);
    s.destroy(new Error("done"));
    expect(await first).toMatchObject({ message: "done" });
  });
});
