"use client";

// One WebSocket to /ws/events per tab. Events make caches stale (react-query re-reads); a lifecycle change also
// patches the guest's state into them at once. While the socket is down, pages poll instead (useFallbackInterval).

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { LiveMessage } from "./live-keys";
import { applyStatePatch } from "./guest-patch";
import { LiveSocket, type LiveStatus, type SocketLike } from "./live-socket";

export type LiveState = LiveStatus;

const LiveContext = createContext<LiveState>({ status: "down", retryAt: null });

/** A colleague's invitation to watch a guest's display, until dismissed. */
export type ConsoleInvite = Extract<LiveMessage, { type: "console.invite" }> & { id: number };
type Notices = { invites: ConsoleInvite[]; dismiss: (id: number) => void };
const NoticeContext = createContext<Notices>({ invites: [], dismiss: () => undefined });

export function LiveEventsProvider({ children }: { children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ status: "connecting", retryAt: null });
  const [invites, setInvites] = useState<ConsoleInvite[]>([]);
  const dismiss = useCallback((id: number) => setInvites((list) => list.filter((i) => i.id !== id)), []);
  const notices = useMemo(() => ({ invites, dismiss }), [invites, dismiss]);

  useEffect(() => {
    const live = new LiveSocket({
      url: `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/ws/events`,
      createSocket: (url) => {
        const ws = new WebSocket(url);
        const socket: SocketLike = { onmessage: null, onclose: null, onerror: null, close: () => ws.close() };
        ws.onmessage = (e) => socket.onmessage?.(e);
        ws.onclose = (e) => socket.onclose?.({ code: e.code, reason: e.reason });
        ws.onerror = () => socket.onerror?.();
        return socket;
      },
      onStatus: setState,
      onNotice: (message) => {
        if (message.type === "console.invite") setInvites((list) => [...list.slice(-4), { ...message, id: Date.now() + Math.random() }]);
      },
      onStatePatch: (patch) => applyStatePatch(queryClient, patch),
      onInvalidate: (keys) => {
        for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
      },
      // Signed out elsewhere, disabled, expired…: the sign-in page says why.
      onAccessEnded: (reason) => {
        const next = window.location.pathname + window.location.search;
        // A full page load on purpose: the ended session's cached data goes with the page.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(`/login?ended=${encodeURIComponent(reason)}&next=${encodeURIComponent(next)}`);
      },
    });
    const wake = () => {
      if (document.visibilityState === "visible") live.wake();
    };
    live.start();
    document.addEventListener("visibilitychange", wake);
    window.addEventListener("online", wake);
    return () => {
      document.removeEventListener("visibilitychange", wake);
      window.removeEventListener("online", wake);
      live.stop();
    };
  }, [queryClient]);

  return (
    <LiveContext.Provider value={state}>
      <NoticeContext.Provider value={notices}>{children}</NoticeContext.Provider>
    </LiveContext.Provider>
  );
}

/** Invitations from colleagues that arrived over the live socket while this tab was open. */
export function useLiveNotices(): Notices {
  return useContext(NoticeContext);
}

export function useLiveEvents(): LiveState {
  return useContext(LiveContext);
}

/** refetchInterval for queries that events keep fresh: poll only while the socket is not open. */
export function useFallbackInterval(ms = 5000): number | false {
  return useLiveEvents().status === "open" ? false : ms;
}

/** A small dot + word for page headers: live, connecting, or polling with the next retry. */
export function LiveIndicator() {
  const t = useTranslations("liveEvents");
  const { status } = useLiveEvents();
  const dot = { open: "bg-emerald-500", connecting: "bg-amber-400", down: "bg-slate-400" }[status];
  const look = { dot, text: t(`${status}.text`), title: t(`${status}.title`) };
  return (
    <span
      data-testid="live-indicator"
      data-status={status}
      title={look.title}
      className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300"
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.text}
    </span>
  );
}
