import { z } from "zod";
import type { Locale } from "./locales";

// zod's own messages ("Too small: expected string to have >=1 characters") in each of our languages, from the
// locales zod ships. Made once per language: each call of z.locales.x() builds its tables anew.
const made = new Map<Locale, z.core.$ZodErrorMap>();
const factories: Record<Locale, () => { localeError: z.core.$ZodErrorMap }> = {
  en: z.locales.en,
  ko: z.locales.ko,
  ja: z.locales.ja,
  ru: z.locales.ru,
};

/** The error map that writes zod's own messages in `locale` (a schema's `message:` still wins over it). */
export function zodErrorMap(locale: Locale): z.core.$ZodErrorMap {
  let map = made.get(locale);
  if (!map) made.set(locale, (map = factories[locale]().localeError));
  return map;
}
