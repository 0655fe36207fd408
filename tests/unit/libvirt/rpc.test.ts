import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { LibvirtClient } from "../../../lib/libvirt/client";
import { AbortError, ConnectionClosedError, ErrorCode, LibvirtError, ProtocolError, TimeoutError } from "../../../lib/libvirt/errors";
import { MessageStatus, MessageType, encodePacket, type Packet } from "../../../lib/libvirt/framing";
import { KEEPALIVE_PROGRAM } from "../../../lib/libvirt/generated/keepalive";
import {
  encodeRemoteConnectGetVersionRet,
  encodeRemoteDomainEventCallbackLifecycleMsg,
  encodeRemoteDomainScreenshotRet,
  encodeRemoteNetworkEventLifecycleMsg,
  remoteProcedures as p,
} from "../../../lib/libvirt/generated/remote";
import { RpcSession } from "../../../lib/libvirt/rpc";
import { VirDomainConsoleFlags } from "../../../lib/libvirt/generated/flags";
import { DomainEventId, NetworkEventId } from "../../../lib/libvirt/events";
import { encodeWith, FakeDaemon, duplexPair, fakeDialer, type Handler } from "./fake-daemon";

const version = (v: bigint): Buffer => encodeWith(encodeRemoteConnectGetVersionRet, { hv_ver: v });

function session(handler: Handler, maxInFlight?: number): { s: RpcSession; d: FakeDaemon } {
  const [client, server] = duplexPair();
  return { s: new RpcSession(client, { maxInFlight }), d: new FakeDaemon(server, handler) };
}

describe("RpcSession", () => {
  it("routes out-of-order replies by serial", async () => {
    const held: Packet[] = [];
    const { s, d } = session((pk) => {
      held.push(pk);
      if (held.length === 3) for (const h of held.reverse()) d.reply(h, version(BigInt(h.header.serial)));
    });
    const results = await Promise.all([1, 2, 3].map(() => s.call(p.CONNECT_GET_VERSION, undefined)));
    expect(results.map((r) => r.hv_ver)).toEqual([1n, 2n, 3n]);
  });

  it("keeps at most 5 calls in flight and queues the rest", async () => {
    let inFlight = 0;
    let maxSeen = 0;
    const { s, d } = session((pk) => {
      inFlight++;
      maxSeen = Math.max(maxSeen, inFlight);
      // A daemon that takes a moment to answer, on purpose: the calls pile up against the in-flight limit.
      setTimeout(() => {
        inFlight--;
        d.reply(pk, version(1n));
      }, 2);
    });
    await Promise.all(Array.from({ length: 40 }, () => s.call(p.CONNECT_GET_VERSION, undefined)));
    expect(maxSeen).toBe(5);
    expect(d.received).toHaveLength(40);
  });

  it("turns an ERROR reply into a typed LibvirtError with code and domain names", async () => {
    const { s, d } = session((pk) => d.replyError(pk, 42, "Domain not found: no domain with matching name 'x'"));
    const err = await s.call(p.DOMAIN_LOOKUP_BY_NAME, { name: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err).toMatchObject({ code: 42, domain: 10, codeName: "VIR_ERR_NO_DOMAIN", domainName: "VIR_FROM_QEMU", remote: true });
  });

  it("times out and aborts calls; late replies are ignored and free the slot", async () => {
    const held: Packet[] = [];
    const { s, d } = session((pk) => held.push(pk), 1);
    await expect(s.call(p.CONNECT_GET_VERSION, undefined, { timeoutMs: 20 })).rejects.toBeInstanceOf(TimeoutError);
    const ac = new AbortController();
    const queued = s.call(p.CONNECT_GET_VERSION, undefined, { signal: ac.signal });
    ac.abort();
    await expect(queued).rejects.toBeInstanceOf(AbortError);
    expect(held).toHaveLength(1);
    d.reply(held[0], version(9n));
    const next = s.call(p.CONNECT_GET_VERSION, undefined);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    d.reply(held[1], version(5n));
    expect((await next).hv_ver).toBe(5n);
  });

  it("buffers stream data that arrives in the same chunk as the reply", async () => {
    const { s, d } = session((pk) => {
      if (pk.header.type !== MessageType.CALL) return;
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
    const { reply, stream } = s.callStream(p.DOMAIN_SCREENSHOT, { dom: { name: "d", uuid: Buffer.alloc(16), id: 1 }, screen: 0, flags: 0 });
    expect((await reply).mime).toBe("image/png");
    // On purpose: the data sits in the stream a while before anyone reads it, as it is buffered that must not be lost.
    await new Promise((r) => setTimeout(r, 5));
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("PNGDATA-1-2");
    // EOF on a read stream is acknowledged with STREAM/OK, like virStreamFinish.
    expect(d.received.some((pk) => pk.header.type === MessageType.STREAM && pk.header.status === MessageStatus.OK)).toBe(true);
  });

  it("closes a read stream after EOF, so a web stream made from it ends (HTTP downloads)", async () => {
    const { s, d } = session((pk) => {
      if (pk.header.type === MessageType.CALL) {
        const hdr = { ...pk.header, type: MessageType.STREAM, status: MessageStatus.CONTINUE };
        d.send(
          Buffer.concat([
            d.replyBytes(pk, encodeWith(encodeRemoteDomainScreenshotRet, { mime: "image/x-portable-pixmap" })),
            encodePacket(hdr, Buffer.from("P6 1 1 255 abc")),
            encodePacket(hdr),
          ]),
        );
      } else if (pk.header.type === MessageType.STREAM && pk.header.status === MessageStatus.OK) {
        d.send(d.replyBytes(pk, undefined, MessageStatus.OK, MessageType.STREAM));
      }
    });
    const { stream } = s.callStream(p.DOMAIN_SCREENSHOT, { dom: { name: "d", uuid: Buffer.alloc(16), id: 1 }, screen: 0, flags: 0 });
    const text = await new Response(Readable.toWeb(stream) as ReadableStream).text();
    expect(text).toBe("P6 1 1 255 abc");
    expect(stream.closed).toBe(true);
  });

  it("reports a refused stream call through its reply only, not as an unhandled stream error", async () => {
    const { s, d } = session((pk) => {
      if (pk.header.type === MessageType.CALL)
        d.replyError(pk, ErrorCode.VIR_ERR_OPERATION_FAILED, "operation failed: Active console session exists for this domain");
    });
    const unhandled: unknown[] = [];
    const onUncaught = (err: unknown) => unhandled.push(err);
    process.on("uncaughtException", onUncaught);
    try {
      const { reply, stream } = s.callStream(p.DOMAIN_OPEN_CONSOLE, {
        dom: { name: "d", uuid: Buffer.alloc(16), id: 1 },
        dev_name: null,
        flags: VirDomainConsoleFlags.VIR_DOMAIN_CONSOLE_SAFE,
      });
      await expect(reply).rejects.toThrow("Active console session exists");
      // Closed: destroyed, and any error it would have raised already emitted.
      await vi.waitFor(() => expect(stream.closed).toBe(true));
      expect(stream.destroyed).toBe(true);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });

  it("finishes a write stream only after the daemon confirms, and aborts with STREAM/ERROR", async () => {
    const got: Buffer[] = [];
    const { s, d } = session((pk) => {
      if (pk.header.type === MessageType.CALL) d.reply(pk);
      else if (pk.header.status === MessageStatus.CONTINUE) got.push(pk.payload);
      // The daemon confirms a moment later, on purpose: "finish" must wait for that confirmation.
      else if (pk.header.status === MessageStatus.OK)
        setTimeout(() => d.send(d.replyBytes(pk, undefined, MessageStatus.OK, MessageType.STREAM)), 5);
    });
    const vol = { pool: "p", name: "v", key: "k" };
    const up = s.callStream(p.STORAGE_VOL_UPLOAD, { vol, offset: 0n, length: 0n, flags: 0 });
    await up.reply;
    const finished = new Promise((r) => up.stream.once("finish", r));
    up.stream.end(Buffer.alloc(600 * 1024, 7));
    await finished;
    expect(got.map((b) => b.length)).toEqual([256 * 1024, 256 * 1024, 88 * 1024]);

    const second = s.callStream(p.STORAGE_VOL_UPLOAD, { vol, offset: 0n, length: 0n, flags: 0 });
    await second.reply;
    second.stream.on("error", () => undefined);
    second.stream.abort();
    await vi.waitFor(() =>
      expect(d.received.at(-1)!.header).toMatchObject({
        type: MessageType.STREAM,
        status: MessageStatus.ERROR,
        serial: second.stream.serial,
      }),
    );
  });

  it("answers keepalive PINGs with PONGs", async () => {
    const { d } = session(() => undefined);
    d.send(encodePacket({ prog: KEEPALIVE_PROGRAM, vers: 1, proc: 1, type: MessageType.MESSAGE, serial: 0, status: 0 }));
    await vi.waitFor(() => expect(d.received[0]?.header).toMatchObject({ prog: KEEPALIVE_PROGRAM, proc: 2, type: MessageType.MESSAGE }));
  });

  it.each([
    ["truncated then closed", Buffer.from("0000003020008086", "hex"), true],
    ["oversized length", Buffer.from("7fffffff00000000", "hex"), false],
    ["too-short length", Buffer.from("0000000400000000", "hex"), false],
  ])("fails pending calls with a typed error on a %s packet", async (_name, bytes, close) => {
    const { s, d } = session(() => {
      d.send(bytes);
      if (close) d.socket.end();
    });
    const err = await s.call(p.CONNECT_GET_VERSION, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err instanceof ProtocolError || err instanceof ConnectionClosedError).toBe(true);
    await expect(s.call(p.CONNECT_GET_VERSION, undefined)).rejects.toBeInstanceOf(LibvirtError);
  });

  it("rejects a reply with an undecodable payload but keeps the session usable", async () => {
    let n = 0;
    const { s, d } = session((pk) => d.reply(pk, n++ === 0 ? Buffer.from([1, 2]) : version(3n)));
    await expect(s.call(p.CONNECT_GET_VERSION, undefined)).rejects.toBeInstanceOf(ProtocolError);
    expect((await s.call(p.CONNECT_GET_VERSION, undefined)).hv_ver).toBe(3n);
  });
});

describe("fd-passing procedures", () => {
  it("are refused before anything is sent", async () => {
    const { s, d } = session(() => undefined);
    const forged = { ...p.CONNECT_GET_VERSION, name: "DOMAIN_OPEN_GRAPHICS_FD", proc: 343 };
    const err = await s.call(forged, undefined).catch((e: unknown) => e);
    expect(err).toMatchObject({ codeName: "VIR_ERR_NO_SUPPORT" });
    expect(d.received).toHaveLength(0);
    expect("DOMAIN_OPEN_GRAPHICS_FD" in p).toBe(false);
  });
});

describe("LibvirtClient over a fake daemon", () => {
  it("delivers events through an async iterator and deregisters when it stops", async () => {
    const { dialer, daemons } = fakeDialer((pk, d) => {
      if (pk.header.proc === p.CONNECT_NETWORK_EVENT_REGISTER_ANY.proc)
        d.reply(
          pk,
          encodeWith((w, v: number) => w.int(v), 7),
        );
      else d.reply(pk);
    });
    const client = await LibvirtClient.connect({ dialer, name: "test:///default" });
    const ac = new AbortController();
    const iterator = client.events({ family: "network", eventId: NetworkEventId.LIFECYCLE }, { signal: ac.signal });
    const first = iterator.next();
    // Registered: the daemon answered at once, so its reply is ahead of the event below on the socket.
    await vi.waitFor(() =>
      expect(daemons[0].received.some((pk) => pk.header.proc === p.CONNECT_NETWORK_EVENT_REGISTER_ANY.proc)).toBe(true),
    );
    const payload = encodeWith(encodeRemoteNetworkEventLifecycleMsg, {
      callbackID: 7,
      net: { name: "n1", uuid: Buffer.alloc(16) },
      event: 2,
      detail: 0,
    });
    daemons[0].send(
      encodePacket(
        { prog: 0x20008086, vers: 1, proc: p.NETWORK_EVENT_LIFECYCLE.proc, type: MessageType.MESSAGE, serial: 0, status: 0 },
        payload,
      ),
    );
    const { value } = await first;
    expect(value).toMatchObject({ family: "network", procedure: "NETWORK_EVENT_LIFECYCLE", data: { event: 2, net: { name: "n1" } } });
    ac.abort();
    expect((await iterator.next()).done).toBe(true);
    expect(daemons[0].received.some((pk) => pk.header.proc === p.CONNECT_NETWORK_EVENT_DEREGISTER_ANY.proc)).toBe(true);
    await client.close();
  });

  it("registers each event key once, fans out, and re-registers after a reconnect", async () => {
    let callbackId = 100;
    const { dialer, daemons } = fakeDialer((pk, d) => {
      if (pk.header.proc === p.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.proc)
        d.reply(
          pk,
          encodeWith((w, v: number) => w.int(v), ++callbackId),
        );
      else d.reply(pk, version(1n));
    });
    const client = await LibvirtClient.connect({ dialer, name: "test:///default", reconnect: { initialDelayMs: 5 } });
    const a: unknown[] = [];
    const b: unknown[] = [];
    await client.subscribe({ family: "domain", eventId: DomainEventId.LIFECYCLE }, (e) => a.push(e.data));
    const subB = await client.subscribe({ family: "domain", eventId: DomainEventId.LIFECYCLE }, (e) => b.push(e.data));
    const registrations = (): number =>
      daemons.flatMap((x) => x.received).filter((pk) => pk.header.proc === p.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.proc).length;
    expect(registrations()).toBe(1);

    const event = (id: number): Buffer =>
      encodePacket(
        { prog: 0x20008086, vers: 1, proc: p.DOMAIN_EVENT_CALLBACK_LIFECYCLE.proc, type: MessageType.MESSAGE, serial: 0, status: 0 },
        encodeWith(encodeRemoteDomainEventCallbackLifecycleMsg, {
          callbackID: id,
          msg: { dom: { name: "vm", uuid: Buffer.alloc(16), id: 1 }, event: 2, detail: 0 },
        }),
      );
    daemons[0].send(event(101));
    await vi.waitFor(() => expect(a).toHaveLength(1));
    expect(b).toEqual([expect.objectContaining({ event: 2, detail: 0 })]);

    const states: string[] = [];
    client.on("state", (s: string) => states.push(s));
    daemons[0].socket.destroy();
    await vi.waitFor(() => {
      expect(states).toEqual(["reconnecting", "open"]);
      expect(registrations()).toBe(2);
    });
    daemons[1].send(event(102));
    await vi.waitFor(() => expect(a).toHaveLength(2));
    await subB.unsubscribe();
    expect((await client.call(p.CONNECT_GET_VERSION, undefined)).hv_ver).toBe(1n);
    await client.close();
    expect(client.state).toBe("closed");
  });

  it("detects a dead peer with keepalive", async () => {
    const { dialer } = fakeDialer(() => undefined); // never answers after the handshake
    const client = await LibvirtClient.connect({
      dialer,
      name: "test:///default",
      keepalive: { intervalMs: 20, count: 2 },
      reconnect: false,
    });
    const closed = new Promise<Error>((resolve) => client.on("state", (s: string, err: Error) => s === "closed" && resolve(err)));
    const err = await closed;
    expect(err).toBeInstanceOf(ConnectionClosedError);
    expect(err.message).toMatch(/keepalive/);
  });
});
