import { EventEmitter } from "node:events";
import { Duplex, PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { EarlyMessages } from "@/lib/server/consoles/early-messages";
import { streamSide } from "@/lib/server/consoles/guest-chunks";
import { pump } from "@/lib/server/consoles/pump";

/** The part of a `ws` WebSocket the pump uses; sends complete when `flush` is called, as a slow browser's would. */
class SlowBrowser extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  received = 0;
  closedWith: [number, string] | null = null;
  private pending: { size: number; done: () => void }[] = [];
  send(data: Buffer, _options: unknown, done: () => void) {
    this.bufferedAmount += data.length;
    this.pending.push({ size: data.length, done });
  }
  flush() {
    for (const p of this.pending.splice(0)) {
      this.bufferedAmount -= p.size;
      this.received += p.size;
      p.done();
    }
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
    this.readyState = 3;
  }
}

const MiB = 1024 * 1024;
const tick = () => new Promise((r) => setImmediate(r));

describe("console relay pump", () => {
  it("stops reading the guest while 4 chunks wait for the browser, and resumes once it has taken all but one", async () => {
    const browser = new SlowBrowser();
    const guest = new PassThrough();
    const ws = browser as unknown as WebSocket;
    const done = pump(ws, streamSide(guest), new EarlyMessages(ws), { ended: { key: "displayClosed" }, failed: "displayFailed" });
    for (let i = 0; i < 10; i++) guest.write(Buffer.alloc(MiB));
    await tick();
    expect(guest.isPaused()).toBe(true);
    expect(browser.bufferedAmount).toBe(4 * MiB);
    browser.flush();
    await tick();
    // The send callbacks resumed it: the next four chunks are queued, and it is paused again.
    expect(browser.received).toBe(4 * MiB);
    expect(browser.bufferedAmount).toBe(4 * MiB);
    expect(guest.isPaused()).toBe(true);
    while (browser.received < 10 * MiB) {
      await tick();
      browser.flush();
    }
    guest.end();
    expect(await done).toEqual({ bytesIn: 0, bytesOut: 10 * MiB });
    // Said by key: the page reads it in its language.
    expect(browser.closedWith).toEqual([1000, '{"key":"displayClosed"}']);
  });

  it("passes the browser's bytes to the guest, those sent before the relay opened first", async () => {
    const browser = new SlowBrowser();
    const ws = browser as unknown as WebSocket;
    const early = new EarlyMessages(ws);
    browser.emit("message", Buffer.from("early "));
    const typed: Buffer[] = [];
    const guest = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        typed.push(chunk);
        callback();
      },
    });
    const done = pump(ws, streamSide(guest), early, { ended: { key: "serialClosed" } });
    browser.emit("message", Buffer.from("late"));
    await tick();
    expect(Buffer.concat(typed).toString()).toBe("early late");
    browser.emit("close");
    expect(await done).toEqual({ bytesIn: 10, bytesOut: 0 });
    expect(guest.destroyed).toBe(true);
  });
});
