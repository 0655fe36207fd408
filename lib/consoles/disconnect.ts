// Why a console's link dropped, as words for the page to say, from what the browser saw: the WebSocket's close
// code and reason (the relay closes with words by key, lib/consoles/close-words.ts), whether the browser is
// offline, and noVNC's "clean" flag.
import type english from "@/messages/en.json";
import { accessEndedReason, type AccessEndedReason } from "@/lib/auth/access-ended";
import { RESTART_CLOSE_CODE } from "@/lib/restart-close-code";
import { sayCloseReason, type CloseSayers } from "./close-words";

export type Drop = { code: number; reason: string; online: boolean; clean?: boolean };

export type DropKey = keyof (typeof english)["console"]["drop"];
/** A sentence of messages' "console.drop", the access that ended, or the relay's close reason (the guest may be restarting). */
export type DropWords = { drop: DropKey } | { ended: AccessEndedReason } | { server: string; restarting?: boolean };

/** retry: whether reconnecting may help (not after access was taken away). */
export type DropVerdict = { words: DropWords; retry: boolean };

export function describeDrop({ code, reason, online, clean }: Drop): DropVerdict {
  const ended = accessEndedReason({ code, reason });
  if (ended) return { words: { ended }, retry: false };
  const say = (words: DropWords): DropVerdict => ({ words, retry: true });
  if (!online) return say({ drop: "offline" });
  if (code >= 4000 && reason) return say({ server: reason });
  switch (code) {
    case 1000:
      return say(reason && reason !== "closed" ? { server: reason, restarting: true } : { drop: "displayClosed" });
    case 1001:
    case RESTART_CLOSE_CODE:
      // Its pages connect again, through the load balancer to another instance where there are several.
      return say({ drop: "serverRestarting" });
    case 1006:
      return say({ drop: "brokeOff" });
    case 1008:
    case 1009:
      return say(reason ? { server: reason } : { drop: "refusedInput" });
    case 1011:
      return say(reason ? { server: reason } : { drop: "serverError" });
    default:
      return say({ drop: clean ? "displayClosed" : "linkLost" });
  }
}

/** The translators a page says a drop with. */
export type DropSayers = CloseSayers & {
  drop: (key: DropKey, values?: Record<string, string | number>) => string;
  ended: (reason: AccessEndedReason) => string;
};

/** The words in the page's language. */
export function sayDrop(words: DropWords, say: DropSayers): string {
  if ("ended" in words) return say.ended(words.ended);
  if ("drop" in words) return say.drop(words.drop);
  const text = sayCloseReason(words.server, say);
  return words.restarting ? say.drop("mayBeRestarting", { reason: text }) : text;
}
