"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { BackupPointView } from "@/lib/guest-backups/types";

/** What reading a point back found, in the page's language when the console said it by key; else its text. */
export function useVerifyNote() {
  const t = useTranslations("verifyNotes");
  return useCallback(
    (p: Pick<BackupPointView, "verifyNote" | "verifyWords">) =>
      p.verifyWords ? t(p.verifyWords.key, p.verifyWords.values as never) : p.verifyNote,
    [t],
  );
}
