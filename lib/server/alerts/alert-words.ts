import "server-only";
import { alertMessageText } from "@/lib/alerts/words";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { isTimeZone, serverTimeZone } from "@/lib/i18n/time-zones";
import type { Db } from "../db";
import { serverTranslator } from "../i18n/translator";

/** A reader of alerts and reports outside a page: their language and time zone (English and the server's zone when they chose none, as on the pages). */
export type Reader = { locale: Locale; timeZone: string };
/** For programs (webhooks): English, UTC. */
export const ENGLISH_READER: Reader = { locale: "en", timeZone: "UTC" };

/** The translators the alert and report e-mails, CSVs and lists use, for one reader, with their date formats. */
export async function wordsFor(reader: Reader) {
  const { locale, timeZone } = reader;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  // With the zone's name: an e-mail is read away from the page that shows which zone times are in.
  const moment = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  });
  const alertWords = await serverTranslator(locale, "alertWords", timeZone);
  return {
    locale,
    alertWords,
    mail: await serverTranslator(locale, "alertMail", timeZone),
    csv: await serverTranslator(locale, "reportCsv", timeZone),
    usageMail: await serverTranslator(locale, "usageMail", timeZone),
    day: (ms: number) => day.format(ms),
    moment: (ms: number) => moment.format(ms),
    /** An alert's stored message in this reader's words. */
    message: (stored: string) => alertMessageText(alertWords, stored, (ms) => day.format(ms)),
  };
}
export type ReaderWords = Awaited<ReturnType<typeof wordsFor>>;

/**
 * Who reads what is sent to an address: the person who gave it for a rule's alerts (AlertSubscription), else a
 * person whose user name is that address; their stored language and time zone.
 */
export async function readerOfAddress(db: Db, email: string, ruleId?: string): Promise<Reader> {
  const subscription = await db.alertSubscription.findFirst({ where: { email, ...(ruleId ? { ruleId } : {}) } });
  const user = subscription
    ? await db.user.findUnique({ where: { id: subscription.userId } })
    : await db.user.findFirst({ where: { username: email } });
  return readerOf(user);
}

export function readerOf(person: { locale?: string | null; timeZone?: string | null } | null): Reader {
  return {
    locale: isLocale(person?.locale) ? person.locale : "en",
    timeZone: isTimeZone(person?.timeZone) ? person.timeZone : serverTimeZone(),
  };
}
