// Why a console's link dropped, in words, from what the browser saw: the WebSocket's close code and reason
// (the relay closes with a sentence), whether the browser is offline, and noVNC's "clean" flag.
import { accessEndedMessage } from "@/lib/auth/access-ended";
import { RESTART_CLOSE_CODE } from "@/lib/restart-close-code";

export type Drop = { code: number; reason: string; online: boolean; clean?: boolean };

/** retry: whether reconnecting may help (not after access was taken away). */
export type DropVerdict = { words: string; retry: boolean };

export function describeDrop({ code, reason, online, clean }: Drop): DropVerdict {
  const ended = accessEndedMessage({ code, reason });
  if (ended) return { words: ended, retry: false };
  if (!online) return { words: "Your computer is offline; the console reconnects when the network is back", retry: true };
  if (code >= 4000 && reason) return { words: reason, retry: true };
  switch (code) {
    case 1000:
      return {
        words:
          reason && reason !== "closed" ? `${reason} (the guest may be restarting)` : "The display closed (the guest may be restarting)",
        retry: true,
      };
    case 1001:
    case RESTART_CLOSE_CODE:
      // Its pages connect again, through the load balancer to another instance where there are several.
      return { words: "The console server is restarting", retry: true };
    case 1006:
      return { words: "The connection to the console server broke off (network trouble, or the server stopped)", retry: true };
    case 1008:
    case 1009:
      return { words: reason || "The console server refused what the page sent", retry: true };
    case 1011:
      return { words: reason || "The console server hit an error", retry: true };
    default:
      return { words: clean ? "The display closed (the guest may be restarting)" : "The connection to the display was lost", retry: true };
  }
}
