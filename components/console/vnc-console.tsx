"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { api, ApiRequestError } from "@/lib/client/api";
import { keyCombos, sendCombo, typeText, type Rfb, type RfbConstructor } from "./rfb";

type Status = { state: "connecting" } | { state: "connected" } | { state: "reconnecting"; reason: string } | { state: "failed"; reason: string };
type Scale = "fit" | "actual" | "resize";

const RECONNECT_DELAY_MS = 2000;
const MAX_RECONNECTS = 15;

/**
 * A guest's display through noVNC (loaded only here). Each connection asks the server for a fresh
 * single-use ticket; after a disconnect (a reboot) it reconnects by itself while the guest runs.
 */
export function VncConsole({ hostId, uuid, guestName, canInteract }: { hostId: string; uuid: string; guestName: string; canInteract: boolean }) {
  const screen = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const rfb = useRef<Rfb | null>(null);
  const [status, setStatus] = useState<Status>({ state: "connecting" });
  const [scale, setScale] = useState<Scale>("fit");
  const [viewOnly, setViewOnly] = useState(!canInteract);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    (async () => {
      try {
        const { path } = await api<{ path: string }>(`/api/hosts/${encodeURIComponent(hostId)}/guests/${uuid}/console`, { body: { kind: "vnc" } });
        const { default: RFB } = (await import("@novnc/novnc")) as { default: RfbConstructor };
        if (cancelled || !screen.current) return;
        const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${path}`;
        const session = new RFB(screen.current, url, { shared: true });
        rfb.current = session;
        session.addEventListener("connect", () => {
          setStatus({ state: "connected" });
          setAttempt(0);
        });
        session.addEventListener("disconnect", (e) => {
          if (cancelled) return;
          const clean = Boolean((e.detail as { clean?: boolean } | undefined)?.clean);
          const reason = clean ? "The display closed (the guest may be rebooting)" : "The connection to the display was lost";
          if (attempt >= MAX_RECONNECTS) setStatus({ state: "failed", reason: `${reason}. Reload the page to try again.` });
          else {
            setStatus({ state: "reconnecting", reason });
            retry = setTimeout(() => setAttempt((n) => n + 1), RECONNECT_DELAY_MS);
          }
        });
      } catch (err) {
        // The server says why: not running, no VNC display, no permission.
        const message = err instanceof ApiRequestError ? err.message : "Could not reach the console";
        if (!cancelled) setStatus({ state: "failed", reason: message });
      }
    })();
    return () => {
      cancelled = true;
      clearTimeout(retry);
      rfb.current?.disconnect();
      rfb.current = null;
    };
  }, [hostId, uuid, attempt]);

  // Display settings follow the controls, also after a reconnect.
  useEffect(() => {
    const session = rfb.current;
    if (!session || status.state !== "connected") return;
    session.scaleViewport = scale === "fit";
    session.resizeSession = scale === "resize";
    session.clipViewport = false;
    session.viewOnly = viewOnly;
  }, [scale, viewOnly, status]);

  const combo = useCallback((label: string) => {
    const found = keyCombos.find((k) => k.label === label);
    if (found && rfb.current) sendCombo(rfb.current, found.keys);
    rfb.current?.focus();
  }, []);

  const paste = async () => {
    const text = await navigator.clipboard.readText().catch(() => window.prompt("Text to type into the guest") ?? "");
    if (text && rfb.current) typeText(rfb.current, text);
  };

  const look = {
    connecting: ["bg-amber-400", "Connecting…"],
    connected: ["bg-emerald-500", "Connected"],
    reconnecting: ["bg-amber-400", "Reconnecting…"],
    failed: ["bg-red-500", "Not connected"],
  }[status.state];
  const interactive = canInteract && !viewOnly && status.state === "connected";

  return (
    <div ref={frame} className="flex h-full flex-col gap-2 bg-white dark:bg-slate-950">
      <div role="toolbar" aria-label="Console" className="flex flex-wrap items-center gap-2 text-sm">
        <span data-testid="console-status" data-state={status.state} className="inline-flex items-center gap-1.5">
          <span aria-hidden className={`h-2 w-2 rounded-full ${look[0]}`} />
          {look[1]}
        </span>
        <select aria-label="Scaling" value={scale} onChange={(e) => setScale(e.target.value as Scale)} className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900">
          <option value="fit">Fit to window</option>
          <option value="actual">Actual size (1:1)</option>
          <option value="resize">Resize the guest&apos;s display</option>
        </select>
        {canInteract ? (
          <>
            <select aria-label="Send keys" value="" disabled={!interactive} onChange={(e) => combo(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900">
              <option value="" disabled>
                Send keys…
              </option>
              {keyCombos.map((k) => (
                <option key={k.label} value={k.label}>
                  {k.label}
                </option>
              ))}
            </select>
            <Button variant="secondary" disabled={!interactive} onClick={() => void paste()} title="Types the clipboard's text into the guest">
              Paste as keys
            </Button>
            <label className="inline-flex items-center gap-1">
              <input type="checkbox" checked={viewOnly} onChange={(e) => setViewOnly(e.target.checked)} /> View only
            </label>
          </>
        ) : (
          <span className="text-slate-500">View only</span>
        )}
        <Button variant="secondary" onClick={() => void frame.current?.requestFullscreen()}>
          Full screen
        </Button>
        <Button variant="secondary" onClick={() => window.open(window.location.href, `console-${uuid}`, "popup,width=1100,height=800")}>
          Separate window
        </Button>
      </div>
      {status.state === "failed" || status.state === "reconnecting" ? (
        <p role={status.state === "failed" ? "alert" : "status"} className="text-sm text-slate-600 dark:text-slate-300">
          {status.reason}
        </p>
      ) : null}
      <div ref={screen} data-testid="vnc-screen" aria-label={`Display of ${guestName}`} className={`min-h-[24rem] flex-1 overflow-auto rounded-md bg-black ${scale === "actual" ? "" : "[&_canvas]:!cursor-default"}`} />
    </div>
  );
}
