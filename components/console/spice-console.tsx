"use client";

import type { SpiceMainConn } from "@spice-project/spice-html5";
import { useTranslations } from "next-intl";
import { useId, useLayoutEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { api, ApiRequestError } from "@/lib/client/api";
import { ClipboardPanel } from "./clipboard-panel";
import { ConnectionIndicator, useConnection } from "./connection-indicator";
import { ConsoleFrame, useFullscreen } from "./console-frame";
import { consoleApiPath, consoleSocketUrl, lostConsoleAccess } from "./console-socket";
import { DisplayTools } from "./display-tools";
import { PresenceBar } from "./presence-bar";
import { attachSpiceClipboard } from "./spice-clipboard";
import { useConsoleWords } from "./use-console-words";

type SpiceModule = typeof import("@spice-project/spice-html5");

/**
 * A SPICE display through spice-html5 (loaded only here) over the same ticketed relay as VNC; the relay
 * answers SPICE's password itself. Also offers a .vv file for native remote-viewer.
 */
export function SpiceConsole({ hostId, uuid }: { hostId: string; uuid: string }) {
  const t = useTranslations("console.toolbar");
  const tDrop = useTranslations("console.drop");
  const words = useConsoleWords();
  const screenId = `spice-${useId().replace(/[^A-Za-z0-9]/g, "")}`;
  const frame = useRef<HTMLDivElement>(null);
  const spice = useRef<{ module: SpiceModule; conn: SpiceMainConn; sendClipboard: (text: string) => void } | null>(null);
  const { status, setStatus, session, reconnect, connected, retryLater, retrying } = useConnection();
  const [fileNote, setFileNote] = useState<string | null>(null);
  const fullscreen = useFullscreen(frame);
  const [clipboardOpen, setClipboardOpen] = useState(false);
  const [received, setReceived] = useState<{ text: string; at: number } | null>(null);

  // A layout effect so that its cleanup runs while the screen is still in the page: spice-html5's stop() looks the screen
  // up by id to take its canvases out, and throws half-way (leaving its sockets open) once the tab has gone.
  useLayoutEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const [url, module] = await Promise.all([consoleSocketUrl(hostId, uuid, { kind: "spice" }), import("@spice-project/spice-html5")]);
        if (cancelled) return;
        let opened = false;
        let failed = false; // each channel may report the same failure
        const conn = new module.SpiceMainConn({
          uri: url,
          password: "", // the relay supplies the real one
          screen_id: screenId,
          onsuccess: () => {
            opened = true;
            if (!cancelled) connected();
          },
          onerror: (e) => {
            if (cancelled || failed) return;
            failed = true;
            const reason = e.message || tDrop("spiceFailed");
            // spice-html5 does not pass on the server's close reason: ask whether access itself ended. If not, a
            // display that was open (or was coming back) is tried again for a minute: its server instance may
            // have stopped or died, and the next try goes to another.
            void lostConsoleAccess(hostId, uuid).then((lost) => {
              if (cancelled) return;
              if (lost) return setStatus({ state: "failed", reason: words.ended(lost) });
              if ((opened || retrying()) && retryLater(tDrop("displayLost"))) return;
              setStatus({ state: "failed", reason });
            });
          },
          onagent: (c) => module.resize_helper(c),
        });
        const sendClipboard = attachSpiceClipboard(conn, (text) => !cancelled && setReceived({ text, at: Date.now() }));
        spice.current = { module, conn, sendClipboard };
      } catch (err) {
        if (cancelled) return;
        const reason = err instanceof ApiRequestError ? err.message : tDrop("couldNotReach");
        if (retrying() && !(err instanceof ApiRequestError && err.status < 500) && retryLater(reason)) return;
        setStatus({ state: "failed", reason });
      }
    })();
    return () => {
      cancelled = true;
      spice.current?.conn.stop();
      spice.current = null;
    };
  }, [hostId, uuid, screenId, session, setStatus, connected, retryLater, retrying, tDrop, words]);

  const downloadVv = async () => {
    try {
      const file = await api<{ fileName: string; content: string; reachable: boolean }>(consoleApiPath(hostId, uuid, "spice-file"), {
        method: "POST",
      });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([file.content], { type: "application/x-virt-viewer" }));
      link.download = file.fileName;
      link.click();
      URL.revokeObjectURL(link.href);
      setFileNote(file.reachable ? t("vvReachable") : t("vvLoopbackOnly"));
    } catch (err) {
      setFileNote(err instanceof ApiRequestError ? err.message : t("vvFailed"));
    }
  };

  const toolbar = (
    <>
      <div role="toolbar" aria-label={t("label")} className="flex flex-wrap items-center gap-2 text-sm">
        <ConnectionIndicator state={status.state} />
        <Button
          variant="secondary"
          disabled={status.state !== "connected"}
          onClick={() => spice.current && spice.current.module.sendCtrlAltDel(spice.current.conn)}
        >
          {t("sendCtrlAltDel")}
        </Button>
        <Button variant="secondary" aria-pressed={clipboardOpen} onClick={() => setClipboardOpen((o) => !o)}>
          {t("clipboard")}
        </Button>
        <DisplayTools hostId={hostId} uuid={uuid} fullscreen={fullscreen} />
        <Tooltip content={t("downloadVvHint")}>
          <Button variant="secondary" onClick={() => void downloadVv()}>
            {t("downloadVv")}
          </Button>
        </Tooltip>
        {status.state === "failed" ? (
          <Button variant="secondary" onClick={reconnect}>
            {t("reconnect")}
          </Button>
        ) : null}
      </div>
      <PresenceBar hostId={hostId} uuid={uuid} />
      {status.reason || fileNote ? (
        <p role={status.state === "failed" ? "alert" : "status"} className="text-sm text-slate-600 dark:text-slate-300">
          {status.reason ?? fileNote}
        </p>
      ) : null}
      {clipboardOpen ? (
        <ClipboardPanel
          hostId={hostId}
          uuid={uuid}
          display="spice"
          canSend={status.state === "connected"}
          received={received}
          send={(text) => spice.current?.sendClipboard(text)}
        />
      ) : null}
    </>
  );

  return (
    <ConsoleFrame frame={frame} fullscreen={fullscreen} toolbar={toolbar}>
      <div
        id={screenId}
        data-testid="spice-screen"
        role="application"
        aria-label={t("guestDisplay")}
        className="min-h-[24rem] flex-1 overflow-auto rounded-md bg-black"
      />
    </ConsoleFrame>
  );
}
