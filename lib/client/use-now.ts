"use client";

import { useCallback, useSyncExternalStore } from "react";

// One shared ticking clock for countdowns ("retrying in 4 s"): render stays pure, one timer per interval.
const clocks = new Map<number, { now: number; listeners: Set<() => void>; timer?: ReturnType<typeof setInterval> }>();

function clock(ms: number) {
  let c = clocks.get(ms);
  if (!c) {
    c = { now: Date.now(), listeners: new Set() };
    clocks.set(ms, c);
  }
  return c;
}

/** The current time, updated every `ms` while some component uses it; 0 during server rendering. */
export function useNow(ms = 1000): number {
  // One subscription per interval for the component's life: a new one on every render would restart the
  // clock (its `now` moves on each restart), which re-renders, which resubscribes… without end.
  const subscribe = useCallback(
    (notify: () => void) => {
      const c = clock(ms);
      c.listeners.add(notify);
      if (!c.timer) {
        c.now = Date.now();
        c.timer = setInterval(() => {
          c.now = Date.now();
          for (const l of c.listeners) l();
        }, ms);
      }
      return () => {
        c.listeners.delete(notify);
        if (c.listeners.size === 0) {
          clearInterval(c.timer);
          c.timer = undefined;
        }
      };
    },
    [ms],
  );
  return useSyncExternalStore(
    subscribe,
    () => clock(ms).now,
    () => 0,
  );
}
