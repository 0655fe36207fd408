"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { planTyping, type LayoutId } from "@/lib/consoles/keyboard-layouts";
import { barKeys, sendCombo, sendStroke, stickyModifiers, type Key, type Rfb } from "./rfb";

/**
 * On-screen keys for tablets (and for keys the desk's keyboard keeps to itself): Esc, Tab, arrows, F1–F12
 * and more, with Ctrl, Alt, Shift and Super held for the next key (tap Ctrl, then C). The keyboard field
 * raises the tablet's own keyboard; what is typed there goes to the guest as keys.
 */
export function KeyBar({ rfb, disabled, layout }: { rfb: () => Rfb | null; disabled: boolean; layout: LayoutId }) {
  const t = useTranslations("console.keys");
  const [held, setHeld] = useState<Key[]>([]);
  const press = (key: Key) => {
    const session = rfb();
    if (!session) return;
    sendCombo(session, [...held, key]);
    setHeld([]);
  };
  const toggle = (key: Key) => setHeld((h) => (h.includes(key) ? h.filter((k) => k !== key) : [...h, key]));
  const typed = (text: string) => {
    const session = rfb();
    if (!session) return;
    for (const [sym, code] of held) session.sendKey(sym, code, true);
    for (const stroke of planTyping(text, layout).strokes) sendStroke(session, stroke);
    for (const [sym, code] of [...held].reverse()) session.sendKey(sym, code, false);
    setHeld([]);
  };
  const look = "min-w-9 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800";
  return (
    <div role="toolbar" aria-label={t("label")} data-testid="key-bar" className="flex flex-wrap items-center gap-1">
      {stickyModifiers.map((m) => (
        <button
          key={m.label}
          type="button"
          disabled={disabled}
          aria-pressed={held.includes(m.key)}
          onClick={() => toggle(m.key)}
          className={`${look} ${held.includes(m.key) ? "bg-blue-600 text-white dark:bg-blue-600" : ""}`}
        >
          {m.label}
        </button>
      ))}
      {barKeys.map((k) => (
        <button
          key={k.label}
          type="button"
          aria-label={k.named ? t(k.named) : k.label}
          disabled={disabled}
          onClick={() => press(k.key)}
          className={look}
        >
          {k.label}
        </button>
      ))}
      <input
        aria-label={t("typeHere")}
        placeholder={t("keyboard")}
        disabled={disabled}
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        value=""
        onChange={(e) => typed(e.target.value)}
        onKeyDown={(e) => {
          const special = { Enter: [0xff0d, "Enter"], Backspace: [0xff08, "Backspace"] } as Record<string, Key>;
          if (special[e.key]) {
            e.preventDefault();
            press(special[e.key]);
          }
        }}
        className="w-28 rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
    </div>
  );
}
