// A fake "daemon" on a real unix socket that answers the handshake and then misbehaves.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LibvirtError, connect } from "../../../lib/libvirt";
import { MessageType, PacketDecoder, encodePacket } from "../../../lib/libvirt/framing";
import { remoteProcedures as p } from "../../../lib/libvirt/generated/remote";

type Misbehaviour = (sock: net.Socket, reply: (payload?: Buffer) => Buffer) => void;

const behaviours: Record<string, Misbehaviour> = {
  truncated: (sock, reply) => {
    sock.write(reply(Buffer.alloc(40)).subarray(0, 30));
    // On purpose: the client has the partial packet a while before the close comes.
    setTimeout(() => sock.end(), 20);
  },
  oversized: (sock) => sock.write(Buffer.from("7fffffff2000808600000001", "hex")),
  garbage: (sock) => sock.write(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n")),
  "wrong payload": (sock, reply) => sock.write(reply(Buffer.from([0, 0, 0]))),
  silent: () => undefined,
};

describe("client against a misbehaving server", () => {
  let dir: string;
  let server: net.Server;
  let mode = "truncated";
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "fake-libvirtd-"));
    server = net.createServer((sock) => {
      const decoder = new PacketDecoder();
      sock.on("error", () => undefined);
      sock.on("data", (chunk) => {
        for (const pk of decoder.push(chunk)) {
          const reply = (payload?: Buffer): Buffer => encodePacket({ ...pk.header, type: MessageType.REPLY, status: 0 }, payload);
          if (pk.header.proc === p.AUTH_LIST.proc) sock.write(reply(Buffer.from("0000000100000000", "hex")));
          else if (pk.header.proc === p.CONNECT_OPEN.proc || pk.header.proc === p.CONNECT_CLOSE.proc) sock.write(reply());
          else behaviours[mode](sock, reply);
        }
      });
    });
    await new Promise<void>((r) => server.listen(path.join(dir, "sock"), r));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(behaviours))("%s packets end in a typed error, without a crash or a hang", async (m) => {
    mode = m;
    const client = await connect(`test:///default?socket=${path.join(dir, "sock")}`, { reconnect: false, callTimeoutMs: 1500 });
    const started = Date.now();
    const err = await client.call(p.CONNECT_GET_VERSION, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect(Date.now() - started).toBeLessThan(3000);
    await client.close();
  });
});
