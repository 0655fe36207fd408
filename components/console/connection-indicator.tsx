import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "failed";

const dotColors: Record<ConnectionState, string> = {
  connecting: "bg-amber-400",
  connected: "bg-emerald-500",
  reconnecting: "bg-amber-400",
  failed: "bg-red-500",
};

/** The dot and word every console shows; tests read data-state. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const t = useTranslations("console.connection");
  return (
    <span data-testid="console-status" data-state={state} className="inline-flex items-center gap-1.5">
      <span aria-hidden className={`h-2 w-2 rounded-full ${dotColors[state]}`} />
      {t(state)}
    </span>
  );
}

/** `retryAt` (ms) and `attempt` while a reconnect is timed; a reconnect without `retryAt` waits for the network. */
export type ConnectionStatus = { state: ConnectionState; reason?: string; busy?: boolean; retryAt?: number; attempt?: number };

const RECONNECT_DELAY_MS = 2000;
const MAX_RECONNECTS = 30;

/**
 * A console's connection state, and `session`, a counter whose change makes the console connect again.
 * `connected()` marks it open; `retryLater(reason)` connects again in 2 s, for a minute at most after the last
 * time it was open (false once that minute is used up), or as soon as the browser is back online when it is
 * offline: a console whose server instance stopped or died comes back through another instance.
 */
export function useConnection() {
  const [status, setStatus] = useState<ConnectionStatus>({ state: "connecting" });
  const [session, setSession] = useState(0);
  const attempts = useRef(0);
  const pending = useRef<() => void>(() => undefined);
  useEffect(() => () => pending.current(), []);
  const again = useCallback(() => setSession((n) => n + 1), []);
  const reconnect = useCallback(() => {
    pending.current();
    attempts.current = 0;
    setStatus({ state: "connecting" });
    again();
  }, [again]);
  const connected = useCallback(() => {
    attempts.current = 0;
    setStatus({ state: "connected" });
  }, []);
  const retryLater = useCallback(
    (reason: string): boolean => {
      if (attempts.current >= MAX_RECONNECTS) return false;
      attempts.current++;
      pending.current();
      if (!navigator.onLine) {
        // Back online is the moment to try again, not a timer.
        setStatus({ state: "reconnecting", reason });
        window.addEventListener("online", again, { once: true });
        pending.current = () => window.removeEventListener("online", again);
        return true;
      }
      setStatus({ state: "reconnecting", reason, retryAt: Date.now() + RECONNECT_DELAY_MS, attempt: attempts.current });
      const timer = setTimeout(again, RECONNECT_DELAY_MS);
      pending.current = () => clearTimeout(timer);
      return true;
    },
    [again],
  );
  /** True while connecting again after a connection was lost (not the first attempt). */
  const retrying = useCallback(() => attempts.current > 0, []);
  return { status, setStatus, session, reconnect, connected, retryLater, retrying };
}
