"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { useUnits } from "@/lib/client/use-units";
import { uptimeParts } from "@/lib/text/format";

/** The guest pages' numbers in the reader's language: useUnits' sizes, plain counts, and uptime worded per unit. */
export function useGuestFormat() {
  const locale = useLocale();
  const units = useUnits();
  const t = useTranslations("guests.uptime");
  return useMemo(() => {
    const counts = new Intl.NumberFormat(locale);
    return {
      ...units,
      number: (v: number) => counts.format(v),
      uptime: (since: number | null | undefined, now: number) => {
        const p = uptimeParts(since, now);
        return p ? t(p.unit, { a: p.a, b: p.b }) : "—";
      },
    };
  }, [locale, units, t]);
}
