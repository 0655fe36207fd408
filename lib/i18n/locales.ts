/**
 * The console's languages: the one list every other place derives from (the request's negotiation, the
 * language menu, the message files checked by scripts/i18n/check-messages.ts, the stored preference's schema).
 * English is the fallback: a key missing elsewhere shows in English, never as its key.
 */
export const locales = ["en", "ko", "ja", "ru"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** Each language named in itself, as the language menu shows it. */
export const localeNames: Record<Locale, string> = { en: "English", ko: "한국어", ja: "日本語", ru: "Русский" };

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (locales as readonly string[]).includes(value);
