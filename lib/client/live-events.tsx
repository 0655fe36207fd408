"use client";

// One WebSocket to /ws/events per tab. Events only make caches stale (react-query re-reads); while the
// socket is down, pages poll instead (useFallbackInterval).

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState } from "react";
import { backoffMs, invalidationsFor, mergeKeys, parseLiveMessage, queryKeys, type QueryKey } from "./live-keys";

export type LiveState = { status: "connecting" | "open" | "down"; retryAt: number | null };

const LiveContext = createContext<LiveState>({ status: "down", retryAt: null });

/** How long events are gathered before the caches are invalidated: a burst becomes one re-read. */
const batchMs = 150;

export function LiveEventsProvider({ children }: { children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ status: "connecting", retryAt: null });

  useEffect(() => {
    let ws: WebSocket | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let batchTimer: ReturnType<typeof setTimeout> | undefined;
    let batch: QueryKey[] = [];

    const flush = () => {
      batchTimer = undefined;
      const keys = batch;
      batch = [];
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };
    const invalidate = (keys: QueryKey[]) => {
      if (keys.length === 0) return;
      batch = mergeKeys(batch, keys);
      batchTimer ??= setTimeout(flush, batchMs);
    };

    const connect = () => {
      if (stopped) return;
      setState({ status: "connecting", retryAt: null });
      const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/ws/events`;
      const socket = new WebSocket(url);
      ws = socket;
      socket.onmessage = (e) => {
        const msg = typeof e.data === "string" ? parseLiveMessage(e.data) : null;
        if (!msg) return;
        if (msg.type === "hello") {
          // Anything may have changed while we were not listening (or polling between two ticks).
          if (attempt > 0) invalidate([queryKeys.guests(), queryKeys.hosts(), ["guest"]]);
          attempt = 0;
          setState({ status: "open", retryAt: null });
          return;
        }
        invalidate(invalidationsFor(msg));
      };
      socket.onclose = () => {
        if (ws !== socket || stopped) return;
        ws = null;
        const delay = backoffMs(attempt++);
        setState({ status: "down", retryAt: Date.now() + delay });
        retryTimer = setTimeout(connect, delay);
      };
      socket.onerror = () => socket.close();
    };

    // Reconnect at once when the tab comes back or the network returns, rather than waiting out the backoff.
    const wake = () => {
      if (document.visibilityState !== "visible" || ws || stopped) return;
      clearTimeout(retryTimer);
      connect();
    };
    connect();
    document.addEventListener("visibilitychange", wake);
    window.addEventListener("online", wake);
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(batchTimer);
      document.removeEventListener("visibilitychange", wake);
      window.removeEventListener("online", wake);
      ws?.close();
    };
  }, [queryClient]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
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
  const { status } = useLiveEvents();
  const look = {
    open: { dot: "bg-emerald-500", text: "Live", title: "Changes appear as they happen" },
    connecting: { dot: "bg-amber-400", text: "Connecting…", title: "Connecting to live updates" },
    down: { dot: "bg-slate-400", text: "Polling", title: "Live updates are unavailable; refreshing every 5 seconds" },
  }[status];
  return (
    <span data-testid="live-indicator" data-status={status} title={look.title} className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
      <span aria-hidden className={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.text}
    </span>
  );
}
