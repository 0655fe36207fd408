// RFB at the byte level for the console tests: a VNC client that watches QEMU's clipboard (extended clipboard,
// as noVNC speaks it), a client of the console's relay as a browser would be, and a tiny VNC server that
// records what the page sends (keys, pointer) for page.routeWebSocket.
import net from "node:net";
import zlib from "node:zlib";
import type { WebSocketRoute } from "@playwright/test";
import WebSocket from "ws";

const EXT_CLIPBOARD = -1063131698;
const QEMU_EXT_KEY = -258;
const [CAPS, REQUEST, NOTIFY, PROVIDE] = [1, 2, 8, 0x10];
const TEXT = 1;

/** Collects bytes and hands out exact reads. */
class Bytes {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  push(d: Buffer) {
    this.buf = Buffer.concat([this.buf, d]);
    this.waiters.splice(0).forEach((w) => w());
  }
  async take(n: number): Promise<Buffer> {
    while (this.buf.length < n) await new Promise<void>((r) => this.waiters.push(r));
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
}

export const clientCutText = (text: string) => {
  const t = Buffer.from(text, "latin1");
  const m = Buffer.alloc(8 + t.length);
  m[0] = 6;
  m.writeInt32BE(t.length, 4);
  t.copy(m, 8);
  return m;
};
const extCut = (flags: number, body = Buffer.alloc(0)) => {
  const m = Buffer.alloc(12 + body.length);
  m[0] = 6;
  m.writeInt32BE(-(4 + body.length), 4);
  m.writeUInt32BE(flags >>> 0, 8);
  body.copy(m, 12);
  return m;
};
const provideBody = (text: string) => {
  const t = Buffer.from(`${text}\0`, "utf8");
  const raw = Buffer.alloc(4 + t.length);
  raw.writeUInt32BE(t.length, 0);
  t.copy(raw, 4);
  return zlib.deflateSync(raw);
};
export const setEncodings = (list: number[]) => {
  const m = Buffer.alloc(4 + 4 * list.length);
  m[0] = 2;
  m.writeUInt16BE(list.length, 2);
  list.forEach((e, i) => m.writeInt32BE(e, 4 + 4 * i));
  return m;
};

/**
 * An RFB session after security None, reading the server's messages: ServerCutText (plain or extended) and
 * skipping framebuffer updates (only raw rectangles are asked for). `offer` puts text on the server's
 * clipboard the way noVNC does (notify, then provide when asked).
 */
export class RfbSession {
  /** Text that reached this client from the server's clipboard, in order. */
  readonly clipboard: string[] = [];
  private offered: string | null = null;

  constructor(
    private readonly bytes: Bytes,
    readonly send: (data: Buffer) => void,
  ) {}

  offer(text: string) {
    this.offered = text;
    this.send(extCut((NOTIFY << 24) | TEXT));
  }

  async handshake(): Promise<void> {
    await this.bytes.take(12);
    this.send(Buffer.from("RFB 003.008\n"));
    const count = (await this.bytes.take(1))[0];
    await this.bytes.take(count);
    this.send(Buffer.from([1]));
    await this.bytes.take(4);
    this.send(Buffer.from([1])); // shared
    const init = await this.bytes.take(24);
    await this.bytes.take(init.readUInt32BE(20));
    this.send(setEncodings([0, EXT_CLIPBOARD]));
    void this.read();
  }

  private async read(): Promise<void> {
    for (;;) {
      const type = (await this.bytes.take(1))[0];
      if (type === 3) await this.cutText();
      else if (type === 2)
        continue; // bell
      else if (type === 0) await this.skipUpdate();
      else throw new Error(`unexpected server message ${type}`);
    }
  }

  private async skipUpdate(): Promise<void> {
    const head = await this.bytes.take(3);
    for (let i = 0; i < head.readUInt16BE(1); i++) {
      const rect = await this.bytes.take(12);
      const [w, h, enc] = [rect.readUInt16BE(4), rect.readUInt16BE(6), rect.readInt32BE(8)];
      if (enc === 0) await this.bytes.take(w * h * 4);
    }
  }

  private async cutText(): Promise<void> {
    const head = await this.bytes.take(7);
    const length = head.readInt32BE(3);
    const body = await this.bytes.take(Math.abs(length));
    if (length >= 0) return void this.clipboard.push(body.toString("latin1"));
    const flags = body.readUInt32BE(0);
    const action = flags >>> 24;
    if (action & CAPS) return;
    if (action & NOTIFY && flags & TEXT) this.send(extCut((REQUEST << 24) | TEXT));
    if (action & REQUEST && this.offered !== null) this.send(extCut((PROVIDE << 24) | TEXT, provideBody(this.offered)));
    if (action & PROVIDE) {
      const raw = zlib.inflateSync(body.subarray(4));
      this.clipboard.push(
        raw
          .subarray(4, 4 + raw.readUInt32BE(0))
          .toString("utf8")
          .replace(/\0$/, ""),
      );
    }
  }
}

/** A VNC client straight to QEMU's VNC server (what QEMU's own clipboard shows any client). */
export async function directRfb(port: number): Promise<RfbSession & { close(): void }> {
  const bytes = new Bytes();
  const socket = net.connect(port, "127.0.0.1");
  socket.on("data", (d: Buffer) => bytes.push(d)).on("error", () => undefined);
  const session = Object.assign(new RfbSession(bytes, (d) => socket.write(d)), { close: () => socket.destroy() });
  await session.handshake();
  return session;
}

/** A client of the console's relay (/ws/vnc with a ticket), as a page would be; text frames are the relay's notices. */
export async function relayRfb(url: string, headers: Record<string, string>) {
  const bytes = new Bytes();
  const notices: { type: string; [k: string]: unknown }[] = [];
  const ws = new WebSocket(url, { headers });
  ws.on("message", (d: Buffer, isBinary: boolean) => (isBinary ? bytes.push(d) : notices.push(JSON.parse(d.toString()))));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const session = Object.assign(new RfbSession(bytes, (d) => ws.send(d)), {
    notices,
    request: (r: object) => ws.send(JSON.stringify(r)),
    close: () => ws.close(),
  });
  await session.handshake();
  return session;
}

/** What a mock VNC server behind page.routeWebSocket saw the page send. */
export type Recorded = {
  keys: { down: boolean; keysym: number; scancode: number | null }[];
  pointers: { x: number; y: number; mask: number }[];
};

/**
 * A VNC server in the test (640×480), answering the page's handshake and confirming QEMU's extended key
 * events, so the page sends keys as QEMU gets them: keysym and scancode. `seat` is the relay's notice the
 * page waits for before it lets a person type.
 */
export function mockVncServer(route: WebSocketRoute, { width = 640, height = 480 } = {}): Recorded & { seat(): void } {
  const recorded: Recorded = { keys: [], pointers: [] };
  const bytes = new Bytes();
  route.onMessage((m) => (typeof m === "string" ? undefined : bytes.push(m)));
  const send = (b: Buffer) => route.send(b);
  void (async () => {
    send(Buffer.from("RFB 003.008\n"));
    await bytes.take(12);
    send(Buffer.from([1, 1]));
    await bytes.take(1);
    send(Buffer.alloc(4));
    await bytes.take(1);
    const init = Buffer.alloc(24 + 4);
    init.writeUInt16BE(width, 0);
    init.writeUInt16BE(height, 2);
    Buffer.from([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0]).copy(init, 4);
    init.writeUInt32BE(4, 20);
    init.write("mock", 24);
    send(init);
    for (;;) {
      const type = (await bytes.take(1))[0];
      if (type === 0) await bytes.take(19);
      else if (type === 2) {
        const head = await bytes.take(3);
        const list = await bytes.take(4 * head.readUInt16BE(1));
        const encodings = Array.from({ length: list.length / 4 }, (_, i) => list.readInt32BE(4 * i));
        // Confirms the extended key event, and paints the screen once so there is a picture to click on.
        const rects: Buffer[] = [];
        if (encodings.includes(QEMU_EXT_KEY)) rects.push(rect(0, 0, 0, 0, QEMU_EXT_KEY));
        rects.push(Buffer.concat([rect(0, 0, width, height, 0), Buffer.alloc(width * height * 4, 0x80)]));
        const head2 = Buffer.alloc(4);
        head2.writeUInt16BE(rects.length, 2);
        send(Buffer.concat([head2, ...rects]));
      } else if (type === 3) await bytes.take(9);
      else if (type === 4) {
        const k = await bytes.take(7);
        recorded.keys.push({ down: k[0] === 1, keysym: k.readUInt32BE(3), scancode: null });
      } else if (type === 5) {
        const p = await bytes.take(5);
        recorded.pointers.push({ mask: p[0], x: p.readUInt16BE(1), y: p.readUInt16BE(3) });
      } else if (type === 6) {
        const head = await bytes.take(7);
        await bytes.take(Math.abs(head.readInt32BE(3)));
      } else if (type === 150) await bytes.take(9);
      else if (type === 248) {
        const head = await bytes.take(8);
        await bytes.take(head[7]);
      } else if (type === 251) {
        const head = await bytes.take(7);
        await bytes.take(16 * head[5]);
      } else if (type === 255) {
        const k = await bytes.take(11);
        recorded.keys.push({ down: k.readUInt16BE(1) === 1, keysym: k.readUInt32BE(3), scancode: k.readUInt32BE(7) });
      } else throw new Error(`mock VNC server: unexpected message ${type}`);
    }
  })().catch(() => undefined);
  return Object.assign(recorded, {
    seat: () => route.send(JSON.stringify({ type: "seat", seat: "mock", mode: "control", mayTake: false })),
  });
}

function rect(x: number, y: number, w: number, h: number, encoding: number): Buffer {
  const r = Buffer.alloc(12);
  r.writeUInt16BE(x, 0);
  r.writeUInt16BE(y, 2);
  r.writeUInt16BE(w, 4);
  r.writeUInt16BE(h, 6);
  r.writeInt32BE(encoding, 8);
  return r;
}
