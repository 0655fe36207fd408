"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { useStoredString } from "@/lib/client/use-stored";
import { useNow } from "@/lib/client/use-now";
import { keyboardLayouts, type LayoutId } from "@/lib/consoles/keyboard-layouts";
import { ClipboardPanel } from "./clipboard-panel";
import { ConnectionIndicator } from "./connection-indicator";
import { ConsoleFrame, useFullscreen } from "./console-frame";
import { DisplayTools } from "./display-tools";
import { KeyBar } from "./key-bar";
import { PresenceBar } from "./presence-bar";
import { keyCombos, sendCombo, typeText, type Rfb } from "./rfb";
import { scaleLabels, useDisplayScale, type Scale } from "./use-display-scale";
import { useVncSession } from "./use-vnc-session";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900";
const isLayout = (v: string | null): v is LayoutId => keyboardLayouts.some((l) => l.id === v);

function setViewOnly(session: Rfb | null, connected: boolean, viewOnly: boolean): void {
  if (session && connected) session.viewOnly = viewOnly;
}

/**
 * A guest's display through noVNC (loaded only here) and the relay. Who may type is the relay's decision
 * (the person in control); everyone else watches, and the presence bar hands control over. Each connection
 * asks the server for a fresh single-use ticket; after a drop it says why and reconnects by itself.
 */
export function VncConsole({
  hostId,
  uuid,
  watch = false,
  defaultLayout = "us",
}: {
  hostId: string;
  uuid: string;
  watch?: boolean;
  defaultLayout?: LayoutId;
}) {
  const t = useTranslations("console.toolbar");
  const tTyping = useTranslations("console.typing");
  const screen = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen(frame);
  const session = useVncSession({ hostId, uuid, watch, screen });
  const { rfb, status, seat } = session;
  const [scale, setScale] = useState<Scale>("fit");
  const [stored, setStored] = useStoredString(`virt-console:keyboard-layout:${uuid}`);
  const layout: LayoutId = isLayout(stored) ? stored : defaultLayout;
  const [clipboardOpen, setClipboardOpen] = useState(false);
  // Tablets and phones get the key bar unless someone closes it (this component renders in the browser only).
  const [coarse] = useState(() => window.matchMedia("(pointer: coarse)").matches);
  const [keyBarOpen, setKeyBarOpen] = useState<boolean | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const now = useNow(500);

  const connected = status.state === "connected";
  const interactive = connected && seat?.mode === "control";
  useDisplayScale(rfb, screen, scale, connected);
  // The page holds back input itself while watching; the relay would drop it anyway.
  useEffect(() => setViewOnly(rfb.current, connected, !interactive), [rfb, connected, interactive]);
  const showKeyBar = keyBarOpen ?? coarse;

  const combo = (label: string) => {
    const found = keyCombos.find((k) => k.label === label);
    if (found && rfb.current) sendCombo(rfb.current, found.keys);
    rfb.current?.focus();
  };

  const pasteAsKeys = async () => {
    const text = await navigator.clipboard.readText().catch(() => window.prompt(tTyping("prompt")) ?? "");
    if (!text || !rfb.current) return;
    const name = keyboardLayouts.find((l) => l.id === layout)?.label ?? layout;
    setTyping(tTyping("typing", { count: [...text].length, layout: name }));
    const missing = await typeText(rfb.current, text, layout);
    setTyping(
      missing.length ? tTyping("missing", { count: missing.length, layout: name, characters: missing.slice(0, 12).join(" ") }) : null,
    );
    rfb.current?.focus();
  };

  const retryIn = status.retryAt ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : null;
  const toolbar = (
    <>
      <div role="toolbar" aria-label={t("label")} className="flex flex-wrap items-center gap-2 text-sm">
        <ConnectionIndicator state={status.state} />
        <select aria-label={t("scaling")} value={scale} onChange={(e) => setScale(e.target.value as Scale)} className={selectClass}>
          {(Object.keys(scaleLabels) as Scale[]).map((s) => (
            <option key={s} value={s}>
              {t(scaleLabels[s])}
            </option>
          ))}
        </select>
        <select aria-label={t("sendKeys")} value="" disabled={!interactive} onChange={(e) => combo(e.target.value)} className={selectClass}>
          <option value="" disabled>
            {t("sendKeysChoose")}
          </option>
          {keyCombos.map((k) => (
            <option key={k.label} value={k.label}>
              {k.label}
            </option>
          ))}
        </select>
        <Tooltip content={t("pasteAsKeysHint")}>
          <Button variant="secondary" disabled={!interactive} onClick={() => void pasteAsKeys()}>
            {t("pasteAsKeys")}
          </Button>
        </Tooltip>
        <select aria-label={t("keyboardLayout")} value={layout} onChange={(e) => setStored(e.target.value)} className={selectClass}>
          {keyboardLayouts.map((l) => (
            <option key={l.id} value={l.id}>
              {t("guestKeyboard", { layout: l.label })}
            </option>
          ))}
        </select>
        <Button variant="secondary" aria-pressed={clipboardOpen} onClick={() => setClipboardOpen((o) => !o)}>
          {t("clipboard")}
        </Button>
        <Button variant="secondary" aria-pressed={showKeyBar} onClick={() => setKeyBarOpen(!showKeyBar)}>
          {t("keyBar")}
        </Button>
        <DisplayTools hostId={hostId} uuid={uuid} fullscreen={fullscreen} />
      </div>
      <PresenceBar hostId={hostId} uuid={uuid} seat={seat} asks={session.asks} message={session.message} request={session.request} />
      {status.reason ? (
        <div
          role={status.state === "failed" ? "alert" : "status"}
          data-testid="console-reason"
          className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300"
        >
          <span>
            {status.reason}
            {status.state === "reconnecting" && retryIn !== null
              ? t("reconnectingIn", { seconds: retryIn, attempt: status.attempt ?? 1 })
              : ""}
            {status.state === "reconnecting" && retryIn === null ? t("waitingForNetwork") : ""}
          </span>
          {status.state !== "connected" ? (
            <Button variant="secondary" className="px-2 py-1 text-xs" onClick={session.reconnectNow}>
              {t("reconnectNow")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {typing ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          {typing}
        </p>
      ) : null}
      {clipboardOpen ? (
        <ClipboardPanel
          hostId={hostId}
          uuid={uuid}
          display="vnc"
          canSend={interactive}
          received={session.clipboard}
          send={(text) => rfb.current?.clipboardPasteFrom(text)}
        />
      ) : null}
    </>
  );

  return (
    <ConsoleFrame frame={frame} fullscreen={fullscreen} toolbar={toolbar}>
      <div className={`flex min-h-[24rem] flex-1 overflow-auto rounded-md bg-black ${fullscreen.full ? "rounded-none" : ""}`}>
        <div ref={screen} data-testid="vnc-screen" role="application" aria-label={t("guestDisplay")} className="min-h-0 flex-1" />
      </div>
      {showKeyBar ? <KeyBar rfb={() => rfb.current} disabled={!interactive} layout={layout} /> : null}
    </ConsoleFrame>
  );
}
