// The part of noVNC's RFB class the console uses, and the key combinations it sends.

export type Rfb = {
  scaleViewport: boolean;
  resizeSession: boolean;
  clipViewport: boolean;
  viewOnly: boolean;
  focusOnClick: boolean;
  disconnect(): void;
  sendCtrlAltDel(): void;
  sendKey(keysym: number, code: string | null, down?: boolean): void;
  focus(): void;
  addEventListener(
    type: "connect" | "disconnect" | "securityfailure" | "credentialsrequired" | "desktopname",
    listener: (e: CustomEvent) => void,
  ): void;
};

export type RfbConstructor = new (
  target: HTMLElement,
  urlOrChannel: string | WebSocket,
  options?: { shared?: boolean; wsProtocols?: string[] },
) => Rfb;

/** X11 keysyms (keysymdef.h) with the matching KeyboardEvent.code. */
const key = {
  ctrl: [0xffe3, "ControlLeft"],
  alt: [0xffe9, "AltLeft"],
  del: [0xffff, "Delete"],
  backspace: [0xff08, "Backspace"],
  print: [0xff61, "PrintScreen"],
  sysrq: [0xff15, "PrintScreen"],
} as const;
type Key = readonly [number, string];
const fn = (n: number): Key => [0xffbe + n - 1, `F${n}`];

export const keyCombos: { label: string; keys: Key[] }[] = [
  { label: "Ctrl+Alt+Del", keys: [key.ctrl, key.alt, key.del] },
  { label: "Ctrl+Alt+Backspace", keys: [key.ctrl, key.alt, key.backspace] },
  ...Array.from({ length: 12 }, (_, i) => ({ label: `Ctrl+Alt+F${i + 1}`, keys: [key.ctrl, key.alt, fn(i + 1)] })),
  { label: "PrintScreen", keys: [key.print] },
  { label: "Alt+SysRq", keys: [key.alt, key.sysrq] },
];

/** Presses the keys in order and releases them in reverse, as a person would. */
export function sendCombo(rfb: Rfb, keys: Key[]): void {
  for (const [sym, code] of keys) rfb.sendKey(sym, code, true);
  for (const [sym, code] of [...keys].reverse()) rfb.sendKey(sym, code, false);
}

/** Types text as key presses (for pasting into guests without a shared clipboard). Latin-1 keysyms equal their code points; newline is Return. */
export function typeText(rfb: Rfb, text: string): void {
  for (const ch of text) {
    const sym =
      ch === "\n" ? 0xff0d : ch === "\t" ? 0xff09 : ch.codePointAt(0)! <= 0xff ? ch.codePointAt(0)! : 0x01000000 + ch.codePointAt(0)!;
    rfb.sendKey(sym, null, true);
    rfb.sendKey(sym, null, false);
  }
}
