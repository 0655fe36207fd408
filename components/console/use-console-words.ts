"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { AccessEndedReason } from "@/lib/auth/access-ended";
import { describeDrop, sayDrop, type Drop, type DropSayers } from "@/lib/consoles/disconnect";

/** The console's words for why its link dropped, in the page's language: the relay's by key, access that ended, the browser's own. */
export function useConsoleWords() {
  const tDrop = useTranslations("console.drop");
  const tConsole = useTranslations("consoleErrors");
  const tApi = useTranslations("apiErrors");
  const tEnded = useTranslations("accessEnded");
  return useMemo(() => {
    const say: DropSayers = {
      drop: (key, values) => tDrop(key, values as never),
      console: (key, values) => (tConsole.has(key) ? tConsole(key, values as never) : key),
      api: (key, values) => (tApi.has(key) ? tApi(key, values as never) : key),
      ended: (reason) => tEnded(reason),
    };
    return {
      /** A dropped link: what to say, and whether reconnecting may help. */
      drop: (d: Drop) => {
        const { words, retry } = describeDrop(d);
        return { text: sayDrop(words, say), retry };
      },
      /** Why access ended, when it did. */
      ended: (reason: AccessEndedReason) => tEnded(reason),
      /** The server's own reason for a close (a 4000-range code: refused or failed; access ended), or null. */
      serverReason: (event: { code: number; reason: string }): string | null => {
        // Read one by one: a CloseEvent's code and reason are getters a spread would not copy.
        const { words } = describeDrop({ code: event.code, reason: event.reason, online: true });
        return "ended" in words || (event.code >= 4000 && event.reason) ? sayDrop(words, say) : null;
      },
    };
  }, [tDrop, tConsole, tApi, tEnded]);
}
