import { describe, expect, it } from "vitest";
import { EXTENDED_CLIPBOARD, RfbInput, type InputKind } from "@/lib/server/consoles/rfb-input";

const key = (sym: number, down: boolean) => {
  const b = Buffer.alloc(8);
  b[0] = 4;
  b[1] = down ? 1 : 0;
  b.writeUInt32BE(sym, 4);
  return b;
};
const pointer = (x: number, y: number, mask = 0) => {
  const b = Buffer.alloc(6);
  b[0] = 5;
  b[1] = mask;
  b.writeUInt16BE(x, 2);
  b.writeUInt16BE(y, 4);
  return b;
};
const updateRequest = () => Buffer.from([3, 1, 0, 0, 0, 0, 4, 0, 3, 0]);
const encodings = (list: number[]) => {
  const b = Buffer.alloc(4 + 4 * list.length);
  b[0] = 2;
  b.writeUInt16BE(list.length, 2);
  list.forEach((e, i) => b.writeInt32BE(e, 4 + 4 * i));
  return b;
};
const cutText = (text: string) => {
  const t = Buffer.from(text, "latin1");
  const b = Buffer.alloc(8 + t.length);
  b[0] = 6;
  b.writeInt32BE(t.length, 4);
  t.copy(b, 8);
  return b;
};
const qemuKey = () => Buffer.from([255, 0, 0, 1, 0, 0, 0, 0x61, 0, 0, 0, 0x1e]);
const fence = () => Buffer.from([248, 0, 0, 0, 0, 0, 0, 3, 2, 0xaa, 0xbb]);
const desktopSize = () => Buffer.concat([Buffer.from([251, 0, 4, 0, 3, 0, 1, 0]), Buffer.alloc(16)]);

function filter(control: { on: boolean }) {
  const out: Buffer[] = [];
  const dropped: InputKind[] = [];
  const input = new RfbInput((d) => out.push(Buffer.from(d)), { mayControl: () => control.on, dropped: (k) => dropped.push(k) });
  return { input, written: () => Buffer.concat(out), dropped };
}

describe("the relay's reading of what the browser sends a VNC server", () => {
  it("passes everything, in order, for the person in control, and always asks for a shared session", () => {
    const f = filter({ on: true });
    const stream = Buffer.concat([
      Buffer.from([0]),
      encodings([0, -258, EXTENDED_CLIPBOARD]),
      updateRequest(),
      key(0x61, true),
      pointer(5, 6, 1),
      cutText("hi"),
      qemuKey(),
      fence(),
      desktopSize(),
    ]);
    f.input.push(stream);
    // ClientInit asked for an exclusive session (0): the display sees a shared one (1).
    expect(f.written()).toEqual(Buffer.concat([Buffer.from([1]), stream.subarray(1)]));
    expect(f.dropped).toEqual([]);
  });

  it("holds back keys, pointer, clipboard and resizes of someone watching, and passes the rest", () => {
    const f = filter({ on: false });
    f.input.push(Buffer.from([1]));
    f.input.push(Buffer.concat([key(0x61, true), updateRequest(), pointer(1, 2), cutText("secret"), qemuKey(), desktopSize(), fence()]));
    expect(f.written()).toEqual(Buffer.concat([Buffer.from([1]), updateRequest(), fence()]));
    expect(f.dropped).toEqual(["key", "pointer", "clipboard", "key", "resize"]);
  });

  it("reads messages split anywhere across chunks", () => {
    const f = filter({ on: false });
    const stream = Buffer.concat([
      Buffer.from([1]),
      updateRequest(),
      key(0x62, true),
      encodings([0, 1, 2]),
      cutText("split me"),
      updateRequest(),
    ]);
    for (let i = 0; i < stream.length; i += 3) f.input.push(stream.subarray(i, i + 3));
    expect(f.written()).toEqual(Buffer.concat([Buffer.from([1]), updateRequest(), encodings([0, 1, 2]), updateRequest()]));
  });

  it("offers the clipboard only to the person in control, and again when control moves", () => {
    const control = { on: false };
    const f = filter(control);
    f.input.push(Buffer.concat([Buffer.from([1]), encodings([0, EXTENDED_CLIPBOARD, -316])]));
    // Watching: no clipboard; extended mouse buttons are never asked for (they would change the pointer message's length).
    expect(f.written()).toEqual(Buffer.concat([Buffer.from([1]), encodings([0])]));
    control.on = true;
    f.input.controlChanged();
    expect(f.written().subarray(-12)).toEqual(encodings([0, EXTENDED_CLIPBOARD]));
  });

  it("ends the session on a message type no VNC client sends", () => {
    const f = filter({ on: true });
    f.input.push(Buffer.from([1]));
    expect(() => f.input.push(Buffer.from([77, 0, 0, 0]))).toThrow("type 77");
  });
});
