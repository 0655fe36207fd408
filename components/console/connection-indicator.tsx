import { useCallback, useState } from "react";

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

/** A console's connection state, and `session`, a counter whose change makes the console connect again. */
export function useConnection() {
  const [status, setStatus] = useState<ConnectionStatus>({ state: "connecting" });
  const [session, setSession] = useState(0);
  const reconnect = useCallback(() => {
    setStatus({ state: "connecting" });
    setSession((n) => n + 1);
  }, []);
  return { status, setStatus, session, reconnect };
}
