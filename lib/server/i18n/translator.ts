import "server-only";
import { createTranslator, type Messages as AppMessages, type NamespaceKeys, type NestedKeyOf } from "next-intl";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { negotiateLocale } from "@/lib/i18n/negotiate";

/**
 * Words the server writes outside a page render (API errors, e-mails, CSV headers, notifications), in a
 * person's language: their stored choice, else what their browser asks for. Pages use next-intl's own
 * request config (i18n/request.ts); this is the same choice for code that runs without it.
 */
export function localeFor(person: { locale?: string | null } | null | undefined, acceptLanguage?: string | null): Locale {
  return isLocale(person?.locale) ? person.locale : negotiateLocale(acceptLanguage);
}

/**
 * next-intl's translator over the locale's messages (English where a key is not translated yet), of a namespace if
 * given; dates in `timeZone` when given (e-mails), else the server's.
 */
export async function serverTranslator<NS extends NamespaceKeys<AppMessages, NestedKeyOf<AppMessages>> = never>(
  locale: Locale,
  namespace?: NS,
  timeZone?: string,
) {
  return createTranslator({ locale, timeZone, messages: (await loadMessages(locale)) as AppMessages, namespace });
}
export type ServerTranslator = Awaited<ReturnType<typeof serverTranslator>>;
