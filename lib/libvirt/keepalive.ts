// Client-side keepalive (libvirt's virKeepAlive): after `intervalMs` without any inbound
// packet, PING; after `count` unanswered intervals the peer is dead and the session is
// destroyed. PINGs from the daemon are answered by RpcSession itself.
import { ConnectionClosedError } from "./errors";
import { KeepaliveProcedure } from "./generated/keepalive";
import type { RpcSession } from "./rpc";

export interface KeepaliveOptions {
  /** libvirt default: 5000 */
  intervalMs?: number;
  /** libvirt default: 5 */
  count?: number;
}

export function startKeepalive(session: RpcSession, options: KeepaliveOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? 5000;
  const count = options.count ?? 5;
  let missed = 0;
  let lastSeen = session.lastReceived;
  const timer = setInterval(
    () => {
      if (session.closed) return stop();
      if (session.lastReceived !== lastSeen) {
        lastSeen = session.lastReceived;
        missed = 0;
      }
      if (Date.now() - lastSeen < intervalMs) return;
      if (missed >= count) {
        stop();
        session.destroy(new ConnectionClosedError(`no response from libvirt for ${(intervalMs * (count + 1)) / 1000} s (keepalive)`));
        return;
      }
      missed++;
      session.sendKeepalive(KeepaliveProcedure.KEEPALIVE_PROC_PING);
    },
    Math.max(10, Math.floor(intervalMs / 2)),
  );
  timer.unref();
  const stop = (): void => clearInterval(timer);
  session.once("close", stop);
  return stop;
}
