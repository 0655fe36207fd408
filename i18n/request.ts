import "server-only";
import { getRequestConfig } from "next-intl/server";
import { headers } from "next/headers";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { negotiateLocale } from "@/lib/i18n/negotiate";
import { BROWSER_LOCALE_HEADER } from "@/lib/i18n/request-headers";
import { isTimeZone, serverTimeZone } from "@/lib/i18n/time-zones";
import { currentActor } from "@/lib/server/current-actor";

/**
 * next-intl's per-request configuration (found by the plugin in next.config.mjs). The language is the one the
 * signed-in person chose (stored with their account), else the browser's; the sign-in page always follows the
 * browser (proxy.ts marks it), so a shared desk does not greet the next person in the last one's language.
 * Times show in the person's chosen zone, else the server's, on the server and in the browser alike.
 */
export default getRequestConfig(async () => {
  const requestHeaders = await headers();
  const actor = requestHeaders.has(BROWSER_LOCALE_HEADER) ? null : await currentActor();
  const locale: Locale = isLocale(actor?.locale) ? actor.locale : negotiateLocale(requestHeaders.get("accept-language"));
  const timeZone = isTimeZone(actor?.timeZone) ? actor.timeZone : serverTimeZone();
  return { locale, timeZone, messages: await loadMessages(locale) };
});
