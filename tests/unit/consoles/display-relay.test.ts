import { EventEmitter, once } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { ByteQueue } from "@/lib/server/consoles/byte-queue";
import { vncAuthResponse, vncAuth } from "@/lib/server/consoles/display-auth";
import { connectLocal } from "@/lib/server/consoles/display-endpoint";
import { relayDisplay } from "@/lib/server/consoles/display-relay";
import { EarlyMessages } from "@/lib/server/consoles/early-messages";

/**
 * The part of a `ws` WebSocket the relay uses. Sent chunks stay queued, by reference as `ws` keeps them, until
 * `flush`: only then are their bytes read, so a read buffer reused too early shows up as wrong bytes.
 */
class QueuingBrowser extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  received: Buffer[] = [];
  closedWith: [number, string] | null = null;
  private queued: { data: Buffer; done?: () => void }[] = [];
  send(data: Buffer, _options: unknown, done?: () => void) {
    this.bufferedAmount += data.length;
    this.queued.push({ data, done });
  }
  flush() {
    for (const { data, done } of this.queued.splice(0)) {
      this.bufferedAmount -= data.length;
      this.received.push(Buffer.from(data));
      done?.();
    }
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
    this.readyState = 3;
    this.emit("close");
  }
}

/** A display on loopback: `serve` speaks for it on each connection. */
async function display(serve: (socket: net.Socket, fromRelay: ByteQueue) => Promise<void>): Promise<{ port: number; server: net.Server }> {
  const server = net.createServer((socket) => {
    const fromRelay = new ByteQueue();
    socket.on("data", (d: Buffer) => fromRelay.push(d)).on("error", () => undefined);
    void serve(socket, fromRelay).catch(() => socket.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  return { port: (server.address() as net.AddressInfo).port, server };
}
const servers: net.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** Bytes no two nearby chunks share: each 4-byte word is its own offset. */
function counted(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) b.writeUInt32BE(i, i);
  return b;
}

/** Flushes the browser whenever the relay has stopped reading the display, until the relay ends. */
async function drainWhileRelaying(browser: QueuingBrowser, relay: Promise<unknown>): Promise<void> {
  let ended = false;
  void relay.finally(() => (ended = true));
  while (!ended) {
    // On purpose: a browser that takes its time, so the relay meets a full send buffer again and again.
    await new Promise((r) => setTimeout(r, 1));
    browser.flush();
  }
  browser.flush();
}

describe("display relay", () => {
  it("reads the display into reused buffers without overwriting bytes the browser has not taken yet", async () => {
    const data = counted(6 * 1024 * 1024);
    const { port } = await display(async (socket) => {
      socket.end(data);
    });
    const browser = new QueuingBrowser();
    const ws = browser as unknown as WebSocket;
    const relay = relayDisplay(ws, connectLocal({ host: "127.0.0.1", port }), new EarlyMessages(ws), null);
    await drainWhileRelaying(browser, relay);
    expect(await relay).toEqual({ bytesIn: 0, bytesOut: data.length });
    expect(Buffer.concat(browser.received).equals(data)).toBe(true);
    expect(browser.closedWith).toEqual([1000, '{"key":"displayClosed"}']);
  });

  it("answers a VNC password itself, then passes on what the display sent behind the handshake, in order", async () => {
    const challenge = Buffer.alloc(16, 9);
    const serverInit = Buffer.from("server-init: 24 bytes..."); // arrives in the same packet as the handshake's end
    const framebuffer = counted(512 * 1024);
    let answer: Buffer | null = null;
    const { port } = await display(async (socket, fromRelay) => {
      socket.write(Buffer.from("RFB 003.008\n"));
      await fromRelay.read(12);
      socket.write(Buffer.from([1, 2]));
      await fromRelay.read(1);
      socket.write(challenge);
      answer = await fromRelay.read(16);
      socket.write(Buffer.concat([Buffer.alloc(4), serverInit]));
      expect((await fromRelay.read(1))[0]).toBe(1); // ClientInit, from the browser through the relay
      socket.end(framebuffer);
    });
    const browser = new QueuingBrowser();
    const ws = browser as unknown as WebSocket;
    const early = new EarlyMessages(ws);
    // A browser that speaks at once: its version, security type None and ClientInit wait in `early`.
    browser.emit("message", Buffer.from("RFB 003.008\n"));
    browser.emit("message", Buffer.from([1]));
    browser.emit("message", Buffer.from([1]));
    const relay = relayDisplay(ws, connectLocal({ host: "127.0.0.1", port }), early, vncAuth("secret12"));
    await drainWhileRelaying(browser, relay);
    await relay;
    expect(answer).toEqual(vncAuthResponse(challenge, "secret12"));
    const handshake = Buffer.concat([Buffer.from("RFB 003.008\n"), Buffer.from([1, 1]), Buffer.alloc(4)]);
    expect(Buffer.concat(browser.received).equals(Buffer.concat([handshake, serverInit, framebuffer]))).toBe(true);
  });

  it("ends the handshake at once when the browser closed while the display was being reached", async () => {
    const { port } = await display(async (socket) => {
      socket.write(Buffer.from("RFB 003.008\n"));
    });
    const browser = new QueuingBrowser();
    const ws = browser as unknown as WebSocket;
    const early = new EarlyMessages(ws);
    browser.close(1001, "gone");
    // No waiting for the handshake's time limit: nobody is there to answer.
    await expect(relayDisplay(ws, connectLocal({ host: "127.0.0.1", port }), early, vncAuth(null))).rejects.toThrow(
      "The browser closed the console",
    );
  });
});
