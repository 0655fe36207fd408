// The session's hot-path machinery: one shared deadline timer instead of a timer per call,
// calls sent while a chunk is dispatched, and the reused read buffer of the unix/TCP dialers.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { TimeoutError } from "../../../lib/libvirt/errors";
import { MessageStatus, MessageType, PacketDecoder, encodePacket, type Packet } from "../../../lib/libvirt/framing";
import {
  encodeRemoteConnectGetVersionRet,
  encodeRemoteConnectListAllDomainsRet,
  encodeRemoteDomainScreenshotRet,
  remoteProcedures as p,
} from "../../../lib/libvirt/generated/remote";
import { RpcSession } from "../../../lib/libvirt/rpc";
import { unixDialer } from "../../../lib/libvirt/transports/unix";
import { duplexPair, encodeWith, FakeDaemon, type Handler } from "./fake-daemon";

const version = (v: bigint): Buffer => encodeWith(encodeRemoteConnectGetVersionRet, { hv_ver: v });

function session(handler: Handler, maxInFlight?: number): { s: RpcSession; d: FakeDaemon } {
  const [client, server] = duplexPair();
  return { s: new RpcSession(client, { maxInFlight }), d: new FakeDaemon(server, handler) };
}

describe("RpcSession deadlines", () => {
  it("fails each call at its own deadline, and not before, while answered and untimed calls are unaffected", async () => {
    // The session's clock and timer are faked: each deadline is checked at the exact millisecond, with no wall-clock waits.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      const held: Packet[] = [];
      const { s, d } = session((pk) => held.push(pk));
      const outcome = (promise: Promise<unknown>) => {
        const o: { settled: boolean; err: unknown } = { settled: false, err: null };
        promise.then(
          () => (o.settled = true),
          (err: unknown) => Object.assign(o, { settled: true, err }),
        );
        return o;
      };
      const slow = outcome(s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 60 }));
      const fast = outcome(s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 15 }));
      const answered = outcome(s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 40 }));
      const untimed = s.call(p.CONNECT_GET_VERSION, undefined);
      await vi.advanceTimersByTimeAsync(14);
      expect(held).toHaveLength(4);
      expect([slow.settled, fast.settled, answered.settled]).toEqual([false, false, false]);
      await vi.advanceTimersByTimeAsync(1);
      expect(fast.err).toBeInstanceOf(TimeoutError);
      expect((fast.err as Error).message).toBe("CONNECT_GET_VERSION timed out after 15 ms");
      expect([slow.settled, answered.settled]).toEqual([false, false]);
      await vi.advanceTimersByTimeAsync(10);
      d.reply(held[2], version(3n));
      await vi.advanceTimersByTimeAsync(34);
      expect(answered).toEqual({ settled: true, err: null });
      expect(slow.settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(slow.err).toBeInstanceOf(TimeoutError);
      expect((slow.err as Error).message).toContain("after 60 ms");
      d.reply(held[3], version(4n));
      expect((await untimed).hv_ver).toBe(4n);
      s.destroy(new Error("done"));
    } finally {
      vi.useRealTimers();
    }
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

describe("PacketDecoder.feed with a reused buffer", () => {
  it("copies a partial packet it keeps, so reusing the chunk's memory cannot corrupt it", () => {
    const a = encodePacket({ prog: 1, vers: 1, proc: 2, type: 1, serial: 7, status: 0 }, Buffer.from("abcdefgh"));
    const shared = Buffer.alloc(a.length);
    const d = new PacketDecoder();
    const got: string[] = [];
    const sink = (buf: Buffer, start: number, end: number): number => got.push(buf.toString("latin1", start + 28, end));
    for (const split of [5, 30, 33]) {
      a.copy(shared, 0, 0, split);
      d.feed(shared.subarray(0, split), sink, true);
      shared.fill(0xee);
      a.copy(shared, 0, split);
      d.feed(shared.subarray(0, a.length - split), sink, true);
      shared.fill(0xee);
    }
    expect(got).toEqual(["abcdefgh", "abcdefgh", "abcdefgh"]);
    expect(d.pending).toBe(0);
  });
});

describe("RpcSession over a unix socket (reused read buffer)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rpc-fastpath-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function overUnix(handler: Handler): Promise<{ s: RpcSession; server: net.Server }> {
    const sock = path.join(dir, `s${Math.random().toString(36).slice(2)}`);
    const server = net.createServer((conn) => new FakeDaemon(conn, handler));
    await new Promise<void>((r) => server.listen(sock, r));
    const s = new RpcSession(await unixDialer(sock)());
    return { s, server };
  }

  it("decodes replies larger than the read buffer and replies split into tiny writes", async () => {
    const domains = Array.from({ length: 3000 }, (_, i) => ({
      name: `domain-with-a-long-name-${i}`,
      uuid: Buffer.alloc(16, i & 0xff),
      id: i,
    }));
    const big = encodeWith(encodeRemoteConnectListAllDomainsRet, { domains, ret: domains.length });
    expect(big.length).toBeGreaterThan(64 * 1024);
    let sending = Promise.resolve();
    const { s, server } = await overUnix((pk, d) => {
      // Replies go out one after another: the big one whole, GET_VERSION a few bytes at a time.
      sending = sending.then(async () => {
        if (pk.header.proc === p.CONNECT_LIST_ALL_DOMAINS.proc) return d.reply(pk, big);
        const bytes = d.replyBytes(pk, version(BigInt(pk.header.serial)));
        for (let at = 0; at < bytes.length; at += 3) {
          d.send(bytes.subarray(at, at + 3));
          // On purpose: each few bytes arrive on their own, after the client has read what came before.
          await new Promise((r) => setTimeout(r, 1));
        }
      });
    });
    try {
      const [list, v1, v2] = await Promise.all([
        s.call(p.CONNECT_LIST_ALL_DOMAINS, { need_results: 1, flags: 0 }),
        s.call(p.CONNECT_GET_VERSION, undefined),
        s.call(p.CONNECT_GET_VERSION, undefined),
      ]);
      expect(list.ret).toBe(3000);
      expect(list.domains[2999]).toEqual(domains[2999]);
      expect(list.domains.map((x) => x.name)).toEqual(domains.map((x) => x.name));
      expect([v1.hv_ver, v2.hv_ver]).toEqual([2n, 3n]);
    } finally {
      s.destroy(new Error("done"));
      server.close();
    }
  });

  it("keeps stream data that arrives in the same read as the reply", async () => {
    const { s, server } = await overUnix((pk, d) => {
      if (pk.header.type !== MessageType.CALL) return;
      if (pk.header.proc === p.CONNECT_GET_VERSION.proc) return d.reply(pk, version(1n));
      const hdr = { ...pk.header, type: MessageType.STREAM, status: MessageStatus.CONTINUE };
      d.send(
        Buffer.concat([
          d.replyBytes(pk, encodeWith(encodeRemoteDomainScreenshotRet, { mime: "image/png" })),
          encodePacket(hdr, Buffer.from("PNGDATA-1")),
          encodePacket(hdr, Buffer.from("-2")),
          encodePacket(hdr),
        ]),
      );
    });
    try {
      const { reply, stream } = s.callStream(p.DOMAIN_SCREENSHOT, {
        dom: { name: "d", uuid: Buffer.alloc(16), id: 1 },
        screen: 0,
        flags: 0,
      });
      expect((await reply).mime).toBe("image/png");
      // Later reads reuse the buffer the stream data arrived in; the stream must hold copies.
      for (let i = 0; i < 5; i++) expect((await s.call(p.CONNECT_GET_VERSION, undefined)).hv_ver).toBe(1n);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe("PNGDATA-1-2");
    } finally {
      s.destroy(new Error("done"));
      server.close();
    }
  });

  it("fails pending calls when the daemon closes the socket", async () => {
    const { s, server } = await overUnix((pk, d) => d.socket.destroy());
    try {
      await expect(s.call(p.CONNECT_GET_VERSION, undefined)).rejects.toThrow(/closed/);
      expect(s.closed).toBe(true);
    } finally {
      server.close();
    }
  });
});
