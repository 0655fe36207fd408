import type { Locale } from "./locales";

export type Messages = { [key: string]: string | Messages };

/**
 * A locale's messages over English's: a key a translator has not reached yet shows in English, never as
 * its key. Deep, because messages are grouped by page or feature.
 */
export function withFallback(base: Messages, over: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = merged[key];
    merged[key] = typeof value === "object" && typeof under === "object" ? withFallback(under, value) : value;
  }
  return merged;
}

/** The message files, loaded on demand so a request carries only its own language. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const english = (await import("@/messages/en.json")).default as Messages;
  if (locale === "en") return english;
  const own = (await import(`@/messages/${locale}.json`)).default as Messages;
  return withFallback(english, own);
}
