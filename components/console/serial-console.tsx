"use client";

import "@xterm/xterm/css/xterm.css";
import type { Terminal } from "@xterm/xterm";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { ApiRequestError } from "@/lib/client/api";
import { isServerGoneClose } from "@/lib/restart-close-code";
import { ConnectionIndicator, useConnection } from "./connection-indicator";
import { consoleSocketUrl } from "./console-socket";
import { PresenceBar } from "./presence-bar";
import { SerialLog } from "./serial-log";
import { useConsoleWords } from "./use-console-words";

/**
 * A guest's serial (or virtio) console in xterm.js, over libvirt's console stream. When another session
 * holds the console, it says so and takes it over only when asked.
 */
export function SerialConsole({ hostId, uuid, device }: { hostId: string; uuid: string; device: string }) {
  const t = useTranslations("console.serial");
  const tDrop = useTranslations("console.drop");
  const tToolbar = useTranslations("console.toolbar");
  const words = useConsoleWords();
  const holder = useRef<HTMLDivElement>(null);
  const terminal = useRef<Terminal | null>(null);
  const { status, setStatus, session, reconnect, connected, retryLater, retrying } = useConnection();
  // Set by "Take over" for the next connection only.
  const forceNext = useRef(false);

  useEffect(() => {
    let cancelled = false;
    let ws: WebSocket | null = null;
    let dispose = () => {};
    const force = forceNext.current;
    forceNext.current = false;
    (async () => {
      try {
        const [{ Terminal }, { FitAddon }, url] = await Promise.all([
          import("@xterm/xterm"),
          import("@xterm/addon-fit"),
          consoleSocketUrl(hostId, uuid, { kind: "serial", device, force }),
        ]);
        if (cancelled || !holder.current) return;
        const term = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 14, scrollback: 5000 });
        const fit = new FitAddon();
        term.loadAddon(fit);
        term.open(holder.current);
        fit.fit();
        terminal.current = term;
        // The terminal follows its box; the guest's side has no size to tell (a serial line has none).
        const resize = new ResizeObserver(() => fit.fit());
        resize.observe(holder.current);
        const socket = new WebSocket(url);
        ws = socket;
        socket.binaryType = "arraybuffer";
        const encoder = new TextEncoder();
        const typing = term.onData((data) => socket.readyState === WebSocket.OPEN && socket.send(encoder.encode(data)));
        socket.onopen = () => {
          connected();
          term.focus();
        };
        // Text frames are the relay's notes about this seat; the guest's output is binary.
        socket.onmessage = (e) => typeof e.data !== "string" && term.write(new Uint8Array(e.data as ArrayBuffer));
        socket.onclose = (e) => {
          if (cancelled) return;
          // The server instance stopped or died: the console comes back through another one.
          if (isServerGoneClose(e) && retryLater(tDrop("consoleLost"))) return;
          const reason = words.serverReason(e) ?? tDrop("consoleClosed");
          setStatus({ state: "failed", reason, busy: /active console session/i.test(reason) });
        };
        dispose = () => {
          typing.dispose();
          resize.disconnect();
          term.dispose();
          terminal.current = null;
        };
      } catch (err) {
        if (cancelled) return;
        const reason = err instanceof ApiRequestError ? err.message : tDrop("couldNotReach");
        // While coming back after a lost connection, a server still restarting is worth another try.
        if (retrying() && !(err instanceof ApiRequestError && err.status < 500) && retryLater(reason)) return;
        setStatus({ state: "failed", reason });
      }
    })();
    return () => {
      cancelled = true;
      ws?.close();
      dispose();
    };
  }, [hostId, uuid, device, session, setStatus, connected, retryLater, retrying, tDrop, words]);

  const copy = () => {
    const text = terminal.current?.getSelection();
    if (text) void navigator.clipboard.writeText(text);
  };
  const paste = async () => {
    const text = await navigator.clipboard.readText().catch(() => window.prompt(t("pastePrompt")) ?? "");
    if (text) terminal.current?.paste(text);
  };

  return (
    <div className="flex h-full flex-col gap-2">
      <div role="toolbar" aria-label={t("label")} className="flex flex-wrap items-center gap-2 text-sm">
        <ConnectionIndicator state={status.state} />
        <Tooltip content={t("copyHint")}>
          <Button variant="secondary" onClick={copy}>
            {t("copy")}
          </Button>
        </Tooltip>
        <Button variant="secondary" disabled={status.state !== "connected"} onClick={() => void paste()}>
          {t("paste")}
        </Button>
        {status.state === "failed" && !status.busy ? (
          <Button variant="secondary" onClick={reconnect}>
            {tToolbar("reconnect")}
          </Button>
        ) : null}
      </div>
      <PresenceBar hostId={hostId} uuid={uuid} />
      {status.reason ? (
        <div role="alert" className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
          <span>{status.busy ? t("busy") : status.reason}</span>
          {status.busy ? (
            <Button
              variant="danger"
              onClick={() => {
                forceNext.current = true;
                reconnect();
              }}
            >
              {t("takeOver")}
            </Button>
          ) : null}
        </div>
      ) : null}
      <div
        ref={holder}
        data-testid="serial-terminal"
        role="region"
        aria-label={t("label")}
        className="min-h-[24rem] flex-1 overflow-hidden rounded-md bg-black p-1"
      />
      <SerialLog hostId={hostId} uuid={uuid} device={device} />
    </div>
  );
}
