import { useCallback, useEffect, useRef, useState } from "react";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "failed";

const looks: Record<ConnectionState, [string, string]> = {
  connecting: ["bg-amber-400", "Connecting…"],
  connected: ["bg-emerald-500", "Connected"],
  reconnecting: ["bg-amber-400", "Reconnecting…"],
  failed: ["bg-red-500", "Not connected"],
};

/** The dot and word every console shows; tests read data-state. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const [color, words] = looks[state];
  return (
    <span data-testid="console-status" data-state={state} className="inline-flex items-center gap-1.5">
      <span aria-hidden className={`h-2 w-2 rounded-full ${color}`} />
      {words}
    </span>
  );
}

export type ConnectionStatus = { state: ConnectionState; reason?: string; busy?: boolean };

const RECONNECT_DELAY_MS = 2000;
const MAX_RECONNECTS = 30;

/**
 * A console's connection state, and `session`, a counter whose change makes the console connect again.
 * `connected()` marks it open; `retryLater(reason)` connects again in 2 s, for a minute at most after the last
 * time it was open (false once that minute is used up): a console whose server instance stopped or died
 * comes back through another instance.
 */
export function useConnection() {
  const [status, setStatus] = useState<ConnectionStatus>({ state: "connecting" });
  const [session, setSession] = useState(0);
  const attempts = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const reconnect = useCallback(() => {
    clearTimeout(timer.current);
    attempts.current = 0;
    setStatus({ state: "connecting" });
    setSession((n) => n + 1);
  }, []);
  const connected = useCallback(() => {
    attempts.current = 0;
    setStatus({ state: "connected" });
  }, []);
  const retryLater = useCallback((reason: string): boolean => {
    if (attempts.current >= MAX_RECONNECTS) return false;
    attempts.current++;
    setStatus({ state: "reconnecting", reason });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSession((n) => n + 1), RECONNECT_DELAY_MS);
    return true;
  }, []);
  /** True while connecting again after a connection was lost (not the first attempt). */
  const retrying = useCallback(() => attempts.current > 0, []);
  return { status, setStatus, session, reconnect, connected, retryLater, retrying };
}
