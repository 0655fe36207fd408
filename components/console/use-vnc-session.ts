"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { ApiRequestError } from "@/lib/client/api";
import type { ConsoleNotice, ConsoleRequest, SeatMode } from "@/lib/consoles/presence";
import { useConnection } from "./connection-indicator";
import { ConsoleChannel } from "./console-channel";
import { consoleSocketUrl } from "./console-socket";
import { useConsoleWords } from "./use-console-words";
import type { Rfb, RfbConstructor } from "./rfb";

export type OwnSeat = { id: string; mode: SeatMode; mayTake: boolean };
export type ControlAsk = { from: string; name: string };

/**
 * One VNC session through the relay, reconnecting by itself for a minute when the link drops (saying why),
 * or when the browser comes back online (useConnection). The relay's text frames keep `seat` (watching or in
 * control) and the requests for control addressed to this person.
 */
export function useVncSession({
  hostId,
  uuid,
  watch,
  screen,
}: {
  hostId: string;
  uuid: string;
  watch: boolean;
  screen: RefObject<HTMLDivElement | null>;
}) {
  const t = useTranslations("console.drop");
  const tRefused = useTranslations("consoleRefusals");
  const consoleWords = useConsoleWords();
  const rfb = useRef<Rfb | null>(null);
  const channel = useRef<ConsoleChannel | null>(null);
  const { status, setStatus, session: generation, reconnect, connected, retryLater: retry, retrying } = useConnection();
  const [seat, setSeat] = useState<OwnSeat | null>(null);
  const [asks, setAsks] = useState<ControlAsk[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [clipboard, setClipboard] = useState<{ text: string; at: number } | null>(null);

  const onNotice = useCallback(
    (notice: ConsoleNotice) => {
      switch (notice.type) {
        case "seat":
          setSeat({ id: notice.seat, mode: notice.mode, mayTake: notice.mayTake });
          if (notice.mode === "control") setMessage(null);
          else setAsks([]);
          return;
        case "control.asked":
          setAsks((list) => [...list.filter((a) => a.from !== notice.from), { from: notice.from, name: notice.name }]);
          return;
        case "control.answered":
          setMessage(notice.give ? t("gaveControl", { name: notice.by }) : t("keepsControl", { name: notice.by }));
          return;
        case "control.refused":
          setMessage(tRefused(notice.refusal.key, notice.refusal));
          return;
      }
    },
    [t, tRefused],
  );

  useEffect(() => {
    let cancelled = false;
    const retryLater = (reason: string) => {
      if (!retry(reason)) setStatus({ state: "failed", reason: t("reloadToRetry", { reason }) });
    };
    (async () => {
      try {
        // The ticket and noVNC come in parallel (noVNC is usually loaded already: the console page asks for it early).
        const [url, { default: RFB }] = await Promise.all([
          consoleSocketUrl(hostId, uuid, { kind: "vnc" }),
          import("@novnc/novnc") as Promise<{ default: RfbConstructor }>,
        ]);
        if (cancelled || !screen.current) return;
        // Our own socket, handed to noVNC through a channel that keeps the relay's text frames for the page.
        const socket = new WebSocket(watch ? `${url}&watch=1` : url);
        let closed: { code: number; reason: string } | null = null;
        socket.addEventListener("close", (e) => (closed = { code: e.code, reason: e.reason }));
        const wrapped = new ConsoleChannel(socket, onNotice);
        channel.current = wrapped;
        const session = new RFB(screen.current, wrapped as unknown as WebSocket, { shared: true });
        rfb.current = session;
        session.addEventListener("connect", () => connected());
        session.addEventListener("clipboard", (e) =>
          setClipboard({ text: String((e.detail as { text?: string }).text ?? ""), at: Date.now() }),
        );
        session.addEventListener("disconnect", (e) => {
          if (cancelled) return;
          setSeat(null);
          setAsks([]);
          const drop = consoleWords.drop({
            code: closed?.code ?? 1006,
            reason: closed?.reason ?? "",
            online: navigator.onLine,
            clean: Boolean((e.detail as { clean?: boolean } | undefined)?.clean),
          });
          if (!drop.retry) return setStatus({ state: "failed", reason: drop.text });
          retryLater(drop.text);
        });
      } catch (err) {
        if (cancelled) return;
        // The server says why: not running, no VNC display, no permission. A guest that is starting up again, or a
        // server instance that is restarting (the next try goes to another), is worth waiting for.
        const words = err instanceof ApiRequestError ? err.message : t("couldNotReachServer");
        const passing = !(err instanceof ApiRequestError) || err.status === 409 || err.status >= 500;
        if (retrying() && passing) retryLater(words);
        else setStatus({ state: "failed", reason: words });
      }
    })();
    return () => {
      cancelled = true;
      rfb.current?.disconnect();
      rfb.current = null;
      channel.current = null;
    };
  }, [hostId, uuid, watch, generation, screen, onNotice, setStatus, connected, retry, retrying, t, consoleWords]);

  const request = useCallback((r: ConsoleRequest) => {
    setMessage(null);
    if (r.type === "control.answer") setAsks((list) => list.filter((a) => a.from !== r.to));
    channel.current?.request(r);
  }, []);

  return { rfb, status, seat, asks, message, clipboard, request, reconnectNow: reconnect };
}
