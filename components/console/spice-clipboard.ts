// Teaches one spice-html5 main connection the agent's clipboard (lib/consoles/spice-agent.ts): its agent
// announcement gains the clipboard, and agent data is read here first.
import type { SpiceMainConn } from "@spice-project/spice-html5";
import { AgentReader, clipboardText, grabTypes, payload, VD } from "@/lib/consoles/spice-agent";

const AGENT_DATA = 109; // SPICE_MSG_MAIN_AGENT_DATA

type Internals = {
  process_channel_message(msg: { type: number; data?: ArrayBuffer }): boolean;
  announce_agent_capabilities(request: number): void;
  send_agent_message(type: number, message: { buffer_size(): number; to_buffer(a: ArrayBuffer, at?: number): void }): void;
};

const asMessage = (bytes: Uint8Array) => ({
  buffer_size: () => bytes.length,
  to_buffer: (a: ArrayBuffer, at = 0) => new Uint8Array(a).set(bytes, at),
});

/** Returns `send(text)`, which offers text to the guest's clipboard; `onText` gets what the guest copies. */
export function attachSpiceClipboard(conn: SpiceMainConn, onText: (text: string) => void): (text: string) => void {
  const c = conn as unknown as Internals;
  const original = c.process_channel_message.bind(c);
  const reader = new AgentReader();
  let offered: string | null = null;
  c.announce_agent_capabilities = (request) => c.send_agent_message(VD.ANNOUNCE_CAPABILITIES, asMessage(payload.caps(request === 1)));
  c.process_channel_message = (msg) => {
    if (msg.type !== AGENT_DATA || !msg.data) return original(msg);
    for (const m of reader.push(new Uint8Array(msg.data))) {
      if (m.type === VD.CLIPBOARD_GRAB && grabTypes(m.data).includes(VD.UTF8_TEXT))
        c.send_agent_message(VD.CLIPBOARD_REQUEST, asMessage(payload.request()));
      else if (m.type === VD.CLIPBOARD) {
        const text = clipboardText(m.data);
        if (text !== null) onText(text);
      } else if (m.type === VD.CLIPBOARD_REQUEST && offered !== null)
        c.send_agent_message(VD.CLIPBOARD, asMessage(payload.clipboard(offered)));
      else if (m.type !== VD.CLIPBOARD_RELEASE) {
        // Everything else spice-html5 handles itself (one chunk each: capabilities, file transfer status).
        const whole = new Uint8Array(20 + m.data.length);
        const view = new DataView(whole.buffer);
        view.setUint32(0, 1, true);
        view.setUint32(4, m.type, true);
        view.setUint32(16, m.data.length, true);
        whole.set(m.data, 20);
        original({ type: AGENT_DATA, data: whole.buffer });
      }
    }
    return true;
  };
  return (text) => {
    offered = text;
    c.send_agent_message(VD.CLIPBOARD_GRAB, asMessage(payload.grab()));
  };
}
