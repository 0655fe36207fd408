"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import { formatBytes, formatKiB, formatPercent, formatRate } from "@/lib/text/format";

/** lib/text/format's unit formatters bound to the person's language, for client components. */
export function useUnits() {
  const locale = useLocale();
  return useMemo(
    () => ({
      bytes: (n: number | null | undefined) => formatBytes(n, locale),
      kib: (n: number | null | undefined) => formatKiB(n, locale),
      rate: (n: number | null | undefined) => formatRate(n, locale),
      percent: (n: number | null | undefined) => formatPercent(n, locale),
    }),
    [locale],
  );
}
