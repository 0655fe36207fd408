import "server-only";
import { consoleError } from "./console-error";

// What the browser sends a VNC server after the handshake, read message by message so that the relay (not
// the page) decides what reaches the guest: a person who only watches sends no keys, pointer moves,
// clipboard, resizes or power requests, whatever their page does. RFB has no lengths in its framing, so
// every message type the relay lets through must be known; anything else ends the session.

/** RFB client message types (RFC 6143 and the community extensions noVNC speaks). */
const T = {
  setPixelFormat: 0,
  setEncodings: 2,
  updateRequest: 3,
  key: 4,
  pointer: 5,
  cutText: 6,
  continuousUpdates: 150,
  fence: 248,
  xvp: 250,
  setDesktopSize: 251,
  qemu: 255,
} as const;

/** Pseudo-encodings the relay takes out of SetEncodings or adds back. */
export const EXTENDED_CLIPBOARD = -1063131698; // 0xC0A1E5CE
const EXTENDED_MOUSE_BUTTONS = -316; // makes pointer events 7 bytes long; the relay keeps them at 6
const MAX_CUT_TEXT = 16 * 1024 * 1024;

export type InputKind = "key" | "pointer" | "clipboard" | "resize" | "power";

export type RfbInputOptions = {
  /** Whether the person holds control right now (read for every input message). */
  mayControl: () => boolean;
  /** Counts what was held back, for the session's audit row. */
  dropped?: (kind: InputKind) => void;
};

/**
 * Reads the browser's stream from ClientInit on and writes what may pass to the display, in order. The
 * display always sees `shared` in ClientInit (a browser asking for exclusive access would disconnect
 * everyone else). SetEncodings is remembered, so that the clipboard can be offered only to whoever holds
 * control: `controlChanged` sends the display the person's encodings again, with or without it.
 */
export class RfbInput {
  private pending: Buffer = Buffer.alloc(0);
  private clientInitDone = false;
  private encodings: number[] | null = null;

  constructor(
    private readonly write: (data: Buffer) => void,
    private readonly options: RfbInputOptions,
  ) {}

  push(chunk: Buffer): void {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.clientInitDone) {
      if (data.length === 0) return;
      this.clientInitDone = true;
      this.write(Buffer.from([1])); // shared
      data = data.subarray(1);
    }
    let passFrom = 0;
    let at = 0;
    const flushPassed = (upTo: number) => {
      if (upTo > passFrom) this.write(data.subarray(passFrom, upTo));
    };
    while (at < data.length) {
      const length = messageLength(data, at);
      if (length === null || at + length > data.length) break;
      const verdict = this.judge(data.subarray(at, at + length));
      if (verdict !== "pass") {
        flushPassed(at);
        if (verdict !== "drop") this.write(verdict);
        passFrom = at + length;
      }
      at += length;
    }
    flushPassed(at);
    // Copied: the chunk's buffer belongs to the socket.
    this.pending = Buffer.from(data.subarray(at));
  }

  /** After control moved: the display learns whether this person may now use the clipboard. */
  controlChanged(): void {
    if (this.encodings) this.write(setEncodings(this.allowedEncodings(this.encodings)));
  }

  private judge(message: Buffer): "pass" | "drop" | Buffer {
    const type = message[0];
    const control = (kind: InputKind) => {
      if (this.options.mayControl()) return "pass" as const;
      this.options.dropped?.(kind);
      return "drop" as const;
    };
    switch (type) {
      case T.setEncodings: {
        const count = message.readUInt16BE(2);
        const list = Array.from({ length: count }, (_, i) => message.readInt32BE(4 + 4 * i));
        this.encodings = list.filter((e) => e !== EXTENDED_MOUSE_BUTTONS);
        return setEncodings(this.allowedEncodings(this.encodings));
      }
      case T.key:
        return control("key");
      case T.pointer:
        return control("pointer");
      case T.cutText:
        return control("clipboard");
      case T.setDesktopSize:
        return control("resize");
      case T.xvp:
        return control("power");
      case T.qemu:
        return message[1] === 0 ? control("key") : "pass";
      default:
        return "pass";
    }
  }

  private allowedEncodings(list: number[]): number[] {
    return this.options.mayControl() ? list : list.filter((e) => e !== EXTENDED_CLIPBOARD);
  }
}

function setEncodings(list: number[]): Buffer {
  const out = Buffer.alloc(4 + 4 * list.length);
  out[0] = T.setEncodings;
  out.writeUInt16BE(list.length, 2);
  list.forEach((e, i) => out.writeInt32BE(e, 4 + 4 * i));
  return out;
}

/** The length of the message starting at `at`, null while its header is incomplete; throws on what no client sends. */
export function messageLength(data: Buffer, at: number): number | null {
  const have = data.length - at;
  const type = data[at];
  const need = (n: number) => have >= n;
  switch (type) {
    case T.setPixelFormat:
      return 20;
    case T.setEncodings:
      return need(4) ? 4 + 4 * data.readUInt16BE(at + 2) : null;
    case T.updateRequest:
    case T.continuousUpdates:
      return 10;
    case T.key:
      return 8;
    case T.pointer:
      return 6;
    case T.cutText: {
      if (!need(8)) return null;
      const length = Math.abs(data.readInt32BE(at + 4));
      if (length > MAX_CUT_TEXT) throw consoleError("clipboardTooLarge");
      return 8 + length;
    }
    case T.fence:
      return need(9) ? 9 + data[at + 8] : null;
    case T.xvp:
      return 4;
    case T.setDesktopSize:
      return need(7) ? 8 + 16 * data[at + 6] : null;
    case T.qemu: {
      if (!need(2)) return null;
      if (data[at + 1] === 0) return 12; // extended key event
      if (data[at + 1] === 1) return need(4) ? (data.readUInt16BE(at + 2) === 2 ? 10 : 4) : null; // audio
      break;
    }
  }
  throw consoleError("unknownRfbMessage", { type: String(type) });
}
