import { describe, expect, it } from "vitest";
import { AgentReader, CLIENT_CAPS, clipboardText, grabTypes, payload, VD } from "@/lib/consoles/spice-agent";

function message(type: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(20 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 1, true);
  view.setUint32(4, type, true);
  view.setUint32(16, data.length, true);
  out.set(data, 20);
  return out;
}

describe("the SPICE agent's clipboard messages", () => {
  it("announces the clipboard on demand with spice-html5's own capabilities", () => {
    const view = new DataView(payload.caps(true).buffer);
    expect(view.getUint32(0, true)).toBe(1);
    expect(view.getUint32(4, true)).toBe(CLIENT_CAPS);
    expect(CLIENT_CAPS & (1 << 5)).toBeTruthy();
  });

  it("reads a guest's text whole, also when it spans several chunks", () => {
    const text = "Привет, ".repeat(400) + "end";
    const bytes = message(VD.CLIPBOARD, payload.clipboard(text));
    const reader = new AgentReader();
    const got = [];
    for (let i = 0; i < bytes.length; i += 2048) got.push(...reader.push(bytes.subarray(i, i + 2048)));
    expect(got).toHaveLength(1);
    expect(got[0].type).toBe(VD.CLIPBOARD);
    expect(clipboardText(got[0].data)).toBe(text);
  });

  it("reads two small messages in one chunk, and the types a grab offers", () => {
    const reader = new AgentReader();
    const both = new Uint8Array([...message(VD.CLIPBOARD_GRAB, payload.grab()), ...message(VD.CLIPBOARD_RELEASE, new Uint8Array())]);
    const got = reader.push(both);
    expect(got.map((m) => m.type)).toEqual([VD.CLIPBOARD_GRAB, VD.CLIPBOARD_RELEASE]);
    expect(grabTypes(got[0].data)).toEqual([VD.UTF8_TEXT]);
  });
});
