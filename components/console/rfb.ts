// The part of noVNC's RFB class the console uses, and the key combinations it sends.
import { MODIFIER, planTyping, type LayoutId, type Stroke } from "@/lib/consoles/keyboard-layouts";

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
  blur(): void;
  /** Offers text to the server's clipboard (noVNC's extended clipboard with QEMU; Latin-1 otherwise). */
  clipboardPasteFrom(text: string): void;
  addEventListener(
    type: "connect" | "disconnect" | "securityfailure" | "credentialsrequired" | "desktopname" | "clipboard",
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
export type Key = readonly [number, string];
export const fn = (n: number): Key => [0xffbe + n - 1, `F${n}`];

/** Keys whose spoken name (for screen readers) is a message in messages/*.json under console.keys; the F keys are named by their label. */
type NamedKey = "Escape" | "Tab" | "ArrowLeft" | "ArrowUp" | "ArrowDown" | "ArrowRight" | "Home" | "End" | "PageUp" | "PageDown" | "Delete";
const named = (label: string, sym: number, code: NamedKey) => ({ label, named: code, key: [sym, code] as Key });

/** The keys of the on-screen key bar, for tablets and for keys the desk's own keyboard keeps (Esc in full screen). */
export const barKeys: { label: string; named?: NamedKey; key: Key }[] = [
  named("Esc", 0xff1b, "Escape"),
  named("Tab", 0xff09, "Tab"),
  named("←", 0xff51, "ArrowLeft"),
  named("↑", 0xff52, "ArrowUp"),
  named("↓", 0xff54, "ArrowDown"),
  named("→", 0xff53, "ArrowRight"),
  named("Home", 0xff50, "Home"),
  named("End", 0xff57, "End"),
  named("PgUp", 0xff55, "PageUp"),
  named("PgDn", 0xff56, "PageDown"),
  named("Del", 0xffff, "Delete"),
  ...Array.from({ length: 12 }, (_, i) => ({ label: `F${i + 1}`, key: fn(i + 1) })),
];

/** Modifiers the key bar holds for the next key ("sticky"), as a person would hold them. */
export const stickyModifiers: { label: string; key: Key }[] = [
  { label: "Ctrl", key: [0xffe3, "ControlLeft"] },
  { label: "Alt", key: [0xffe9, "AltLeft"] },
  { label: "Shift", key: [0xffe1, "ShiftLeft"] },
  { label: "Super", key: [0xffeb, "MetaLeft"] },
];

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

/** One key pressed and released with its modifiers around it (the physical key: QEMU reads its scancode). */
export function sendStroke(rfb: Rfb, stroke: Stroke): void {
  const mods = [stroke.shift && MODIFIER.shift, stroke.altgr && MODIFIER.altgr].filter((m) => m !== false);
  for (const m of mods) rfb.sendKey(m.keysym, m.code, true);
  rfb.sendKey(stroke.keysym, stroke.code, true);
  rfb.sendKey(stroke.keysym, stroke.code, false);
  for (const m of mods.reverse()) rfb.sendKey(m.keysym, m.code, false);
}

// A guest's keyboard controller takes a few keys at a time; a paste goes in small bursts.
const KEYS_PER_BURST = 16;
const BURST_GAP_MS = 15;

/**
 * Types text as key presses in the guest's keyboard layout (for guests without a shared clipboard).
 * Resolves with the characters the layout cannot type; `signal` stops it half-way.
 */
export async function typeText(rfb: Rfb, text: string, layout: LayoutId, signal?: AbortSignal): Promise<string[]> {
  const { strokes, missing } = planTyping(text, layout);
  for (let i = 0; i < strokes.length; i += KEYS_PER_BURST) {
    if (signal?.aborted) break;
    for (const stroke of strokes.slice(i, i + KEYS_PER_BURST)) sendStroke(rfb, stroke);
    await new Promise((r) => setTimeout(r, BURST_GAP_MS));
  }
  return missing;
}
