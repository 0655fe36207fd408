"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { accessEndedMessage } from "@/lib/auth/access-ended";
import { ApiRequestError } from "@/lib/client/api";
import { ConnectionIndicator, useConnection } from "./connection-indicator";
import { consoleSocketUrl, serverReason } from "./console-socket";
import { DisplayTools } from "./display-tools";
import { keyCombos, sendCombo, typeText, type Rfb, type RfbConstructor } from "./rfb";

type Scale = "fit" | "actual" | "resize";

/**
 * A guest's display through noVNC (loaded only here). Each connection asks the server for a fresh
 * single-use ticket; after a disconnect (a reset, or the guest stopped and started again) it reconnects
 * by itself for a minute.
 */
export function VncConsole({ hostId, uuid, canInteract }: { hostId: string; uuid: string; canInteract: boolean }) {
  const screen = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const rfb = useRef<Rfb | null>(null);
  const { status, setStatus, session: generation, connected, retryLater: retry, retrying } = useConnection();
  const [scale, setScale] = useState<Scale>("fit");
  const [viewOnly, setViewOnly] = useState(!canInteract);

  useEffect(() => {
    let cancelled = false;
    const retryLater = (reason: string) => {
      if (!retry(reason)) setStatus({ state: "failed", reason: `${reason}. Reload the page to try again.` });
    };
    (async () => {
      try {
        const url = await consoleSocketUrl(hostId, uuid, { kind: "vnc" });
        const { default: RFB } = (await import("@novnc/novnc")) as { default: RfbConstructor };
        if (cancelled || !screen.current) return;
        // Our own socket, handed to noVNC, so the server's reason for closing it can be read.
        const socket = new WebSocket(url);
        let closed: { code: number; reason: string } | null = null;
        socket.addEventListener("close", (e) => (closed = { code: e.code, reason: e.reason }));
        const session = new RFB(screen.current, socket, { shared: true });
        rfb.current = session;
        session.addEventListener("connect", () => connected());
        session.addEventListener("disconnect", (e) => {
          if (cancelled) return;
          // Access taken away (signed out, grant removed): say so and stop; retrying cannot help.
          const ended = closed && accessEndedMessage(closed);
          if (ended) return setStatus({ state: "failed", reason: ended });
          const clean = Boolean((e.detail as { clean?: boolean } | undefined)?.clean);
          const said = closed && serverReason(closed);
          retryLater(said || (clean ? "The display closed (the guest may be restarting)" : "The connection to the display was lost"));
        });
      } catch (err) {
        if (cancelled) return;
        // The server says why: not running, no VNC display, no permission. A guest that is starting up again, or a
        // server instance that is restarting (the next try goes to another), is worth waiting for.
        const message = err instanceof ApiRequestError ? err.message : "Could not reach the console";
        const passing = !(err instanceof ApiRequestError) || err.status === 409 || err.status >= 500;
        if (retrying() && passing) retryLater(message);
        else setStatus({ state: "failed", reason: message });
      }
    })();
    return () => {
      cancelled = true;
      rfb.current?.disconnect();
      rfb.current = null;
    };
  }, [hostId, uuid, generation, setStatus, connected, retry, retrying]);

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

  const interactive = canInteract && !viewOnly && status.state === "connected";
  const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900";

  return (
    <div ref={frame} className="flex h-full flex-col gap-2 bg-white dark:bg-slate-950">
      <div role="toolbar" aria-label="Console" className="flex flex-wrap items-center gap-2 text-sm">
        <ConnectionIndicator state={status.state} />
        <select aria-label="Scaling" value={scale} onChange={(e) => setScale(e.target.value as Scale)} className={selectClass}>
          <option value="fit">Fit to window</option>
          <option value="actual">Actual size (1:1)</option>
          <option value="resize">Resize the guest&apos;s display</option>
        </select>
        {canInteract ? (
          <>
            <select aria-label="Send keys" value="" disabled={!interactive} onChange={(e) => combo(e.target.value)} className={selectClass}>
              <option value="" disabled>
                Send keys…
              </option>
              {keyCombos.map((k) => (
                <option key={k.label} value={k.label}>
                  {k.label}
                </option>
              ))}
            </select>
            <Button
              variant="secondary"
              disabled={!interactive}
              onClick={() => void paste()}
              title="Types the clipboard's text into the guest"
            >
              Paste as keys
            </Button>
            <label className="inline-flex items-center gap-1">
              <input type="checkbox" checked={viewOnly} onChange={(e) => setViewOnly(e.target.checked)} /> View only
            </label>
          </>
        ) : (
          <span className="text-slate-500">View only</span>
        )}
        <DisplayTools hostId={hostId} uuid={uuid} frame={frame} />
      </div>
      {status.reason ? (
        <p role={status.state === "failed" ? "alert" : "status"} className="text-sm text-slate-600 dark:text-slate-300">
          {status.reason}
        </p>
      ) : null}
      <div
        ref={screen}
        data-testid="vnc-screen"
        aria-label="Guest display"
        className="min-h-[24rem] flex-1 overflow-auto rounded-md bg-black"
      />
    </div>
  );
}
