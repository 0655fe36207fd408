// Shared by server and browser: the WebSocket close code (1012, "service restart") an instance sends to its
// pages' event sockets and consoles when it stops gracefully. The page connects again at once, and the load
// balancer takes it to another instance.
export const RESTART_CLOSE_CODE = 1012;
export const RESTART_CLOSE_REASON = "The server is restarting";

/** True for a close that is worth reconnecting after at once: the instance stopped, or died without a word (1006). */
export function isServerGoneClose(event: { code: number }): boolean {
  return event.code === RESTART_CLOSE_CODE || event.code === 1006;
}
