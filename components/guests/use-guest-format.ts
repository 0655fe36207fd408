"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { formatBytes, formatKiB, formatPercent, formatRate, formatUptime } from "@/lib/text/format";
import { localeNumbers, uptimeParts } from "@/lib/text/guest-numbers";

/** format.ts's guest numbers (bytes, rates, percentages, uptime) written in the reader's language. */
export function useGuestFormat() {
  const locale = useLocale();
  const t = useTranslations("guests.uptime");
  return useMemo(
    () => ({
      bytes: (v: number | null | undefined) => localeNumbers(formatBytes(v), locale),
      kib: (v: number | null | undefined) => localeNumbers(formatKiB(v), locale),
      rate: (v: number | null | undefined) => localeNumbers(formatRate(v), locale),
      percent: (v: number | null | undefined) => localeNumbers(formatPercent(v), locale),
      number: (v: number) => localeNumbers(String(v), locale),
      uptime: (since: number | null | undefined, now: number) => {
        const text = formatUptime(since, now);
        const p = uptimeParts(text);
        return p ? t(p.unit, { a: p.a, b: p.b }) : text;
      },
    }),
    [locale, t],
  );
}
