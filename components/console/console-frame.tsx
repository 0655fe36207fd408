"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";

type KeyboardLock = { lock?: () => Promise<void>; unlock?: () => void };

/** Full screen for one console frame; while full, keys such as Esc and Alt+Tab go to the guest where the browser allows it. */
export function useFullscreen(frame: RefObject<HTMLElement | null>) {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const changed = () => setFull(document.fullscreenElement !== null && document.fullscreenElement === frame.current);
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, [frame]);
  const toggle = useCallback(async () => {
    const keyboard = (navigator as { keyboard?: KeyboardLock }).keyboard;
    if (document.fullscreenElement) {
      keyboard?.unlock?.();
      await document.exitFullscreen().catch(() => undefined);
      return;
    }
    await frame.current?.requestFullscreen().catch(() => undefined);
    await keyboard?.lock?.().catch(() => undefined);
  }, [frame]);
  return { full, toggle };
}
export type Fullscreen = ReturnType<typeof useFullscreen>;

const HIDE_AFTER_MS = 2500;
const REVEAL_BAND_PX = 48;

/**
 * A console's frame: the toolbar above the screen; in full screen the toolbar slides away to give the
 * guest the whole screen and comes back when the pointer reaches the top edge or the tab at the top is
 * pressed (on a tablet), so its buttons stay reachable.
 */
export function ConsoleFrame({
  frame,
  fullscreen,
  toolbar,
  children,
}: {
  frame: RefObject<HTMLDivElement | null>;
  fullscreen: Fullscreen;
  toolbar: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations("console.toolbar");
  const [shown, setShown] = useState(true);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reveal = useCallback(() => {
    setShown(true);
    clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(() => setShown(false), HIDE_AFTER_MS);
  }, []);
  // Entering or leaving full screen shows the toolbar; in full screen it slides away after a moment.
  const [wasFull, setWasFull] = useState(fullscreen.full);
  if (wasFull !== fullscreen.full) {
    setWasFull(fullscreen.full);
    setShown(true);
  }
  useEffect(() => {
    if (!fullscreen.full) return;
    hideTimer.current = setTimeout(() => setShown(false), HIDE_AFTER_MS);
    return () => clearTimeout(hideTimer.current);
  }, [fullscreen.full]);

  const overlay = fullscreen.full;
  return (
    <div
      ref={frame}
      data-testid="console-frame"
      data-fullscreen={overlay ? "true" : "false"}
      onMouseMove={overlay ? (e) => e.clientY < REVEAL_BAND_PX && reveal() : undefined}
      className={`relative flex h-full flex-col gap-2 bg-white dark:bg-slate-950 ${overlay ? "p-0" : ""}`}
    >
      <div
        onMouseEnter={overlay ? () => clearTimeout(hideTimer.current) : undefined}
        onMouseLeave={overlay ? reveal : undefined}
        className={
          overlay
            ? `absolute inset-x-0 top-0 z-20 flex flex-col gap-2 bg-white/95 p-2 shadow-md transition-transform dark:bg-slate-900/95 ${shown ? "" : "-translate-y-full"}`
            : "flex flex-col gap-2"
        }
      >
        {toolbar}
      </div>
      {overlay && !shown ? (
        <button
          type="button"
          onClick={reveal}
          className="absolute top-0 left-1/2 z-20 -translate-x-1/2 rounded-b-md bg-slate-800/80 px-3 py-0.5 text-xs text-white"
        >
          {t("showToolbar")}
        </button>
      ) : null}
      {children}
    </div>
  );
}
