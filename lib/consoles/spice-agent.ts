// The SPICE agent's clipboard messages (spice-protocol vd_agent.h), which spice-html5 does not speak:
// text copied in the guest reaches the page, and text from the page reaches the guest's clipboard, through
// the agent channel (spice-vdagent in the guest). Pure, so it is unit-tested; components/console wires it.

export const VD = {
  CLIPBOARD: 4,
  ANNOUNCE_CAPABILITIES: 6,
  CLIPBOARD_GRAB: 7,
  CLIPBOARD_REQUEST: 8,
  CLIPBOARD_RELEASE: 9,
  CAP_MOUSE_STATE: 0,
  CAP_MONITORS_CONFIG: 1,
  CAP_REPLY: 2,
  CAP_CLIPBOARD_BY_DEMAND: 5,
  UTF8_TEXT: 1,
} as const;

/** What the page announces: spice-html5's own capabilities, plus the clipboard on demand (no selections). */
export const CLIENT_CAPS =
  (1 << VD.CAP_MOUSE_STATE) | (1 << VD.CAP_MONITORS_CONFIG) | (1 << VD.CAP_REPLY) | (1 << VD.CAP_CLIPBOARD_BY_DEMAND);

const HEADER = 20; // protocol u32, type u32, opaque u64, size u32

/** Payloads of the messages the page sends. */
export const payload = {
  caps: (request: boolean) => u32s(request ? 1 : 0, CLIENT_CAPS),
  grab: () => u32s(VD.UTF8_TEXT),
  request: () => u32s(VD.UTF8_TEXT),
  clipboard: (text: string) => {
    const body = new TextEncoder().encode(text);
    const out = new Uint8Array(4 + body.length);
    new DataView(out.buffer).setUint32(0, VD.UTF8_TEXT, true);
    out.set(body, 4);
    return out;
  },
};

function u32s(...values: number[]): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(4 * i, v, true));
  return out;
}

export type AgentMessage = { type: number; data: Uint8Array };

/**
 * Reassembles agent messages from the main channel's AGENT_DATA chunks: a message longer than one chunk
 * (2 KiB) continues in the next ones without a header of its own.
 */
export class AgentReader {
  private pending: { type: number; size: number; parts: Uint8Array[]; have: number } | null = null;

  /** The messages completed by this chunk. */
  push(chunk: Uint8Array): AgentMessage[] {
    const done: AgentMessage[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (!this.pending) {
        if (chunk.length - at < HEADER) break;
        const view = new DataView(chunk.buffer, chunk.byteOffset + at, HEADER);
        this.pending = { type: view.getUint32(4, true), size: view.getUint32(16, true), parts: [], have: 0 };
        at += HEADER;
      }
      const p = this.pending;
      const take = Math.min(p.size - p.have, chunk.length - at);
      p.parts.push(chunk.subarray(at, at + take));
      p.have += take;
      at += take;
      if (p.have === p.size) {
        const data = new Uint8Array(p.size);
        let o = 0;
        for (const part of p.parts) {
          data.set(part, o);
          o += part.length;
        }
        done.push({ type: p.type, data });
        this.pending = null;
      }
    }
    return done;
  }
}

/** The clipboard types a GRAB offers (u32 each), and the text of a CLIPBOARD message of type UTF-8. */
export const grabTypes = (data: Uint8Array): number[] =>
  Array.from({ length: Math.floor(data.length / 4) }, (_, i) => new DataView(data.buffer, data.byteOffset).getUint32(4 * i, true));

export function clipboardText(data: Uint8Array): string | null {
  if (data.length < 4 || new DataView(data.buffer, data.byteOffset).getUint32(0, true) !== VD.UTF8_TEXT) return null;
  return new TextDecoder().decode(data.subarray(4)).replace(/\0+$/, "");
}
