import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { serverTranslator } from "../i18n/translator";
import { saidValues, type FieldMessage, type Said } from "./errors";

/**
 * The translators of one language, made once: each keeps its parsed messages, so a flood of refusals (sockets
 * refused by the thousand) parses nothing again.
 */
const translators = new Map<Locale, ReturnType<typeof makeTranslators>>();
async function makeTranslators(locale: Locale) {
  return {
    t: await serverTranslator(locale, "apiErrors"),
    tValidation: await serverTranslator(locale, "validation"),
    tDevice: await serverTranslator(locale, "deviceWords"),
    tFetch: await serverTranslator(locale, "fetchErrors"),
  };
}
function translatorsFor(locale: Locale) {
  let made = translators.get(locale);
  if (!made) translators.set(locale, (made = makeTranslators(locale)));
  return made;
}

/**
 * An error's sentence and its fields' in `locale`. The translators are next-intl's over the locale's messages
 * (English where a key is not translated yet); a field's text that is no key (not converted yet, or zod's own
 * message, already in the language it was parsed in) passes as it is.
 */
export async function translateError(locale: Locale, said: Said, fields?: Record<string, FieldMessage>) {
  const { t, tValidation, tDevice, tFetch } = await translatorsFor(locale);
  const say = (said: Said): string =>
    "validation" in said
      ? tValidation(said.validation, said.values)
      : t(
          said.key,
          saidValues(
            said,
            (key, values) => tFetch(key, values as never),
            (key, values) => tDevice(key, values as never),
            say,
          ),
        );
  return {
    error: say(said),
    fields:
      fields &&
      Object.fromEntries(Object.entries(fields).map(([name, message]) => [name, typeof message === "string" ? message : say(message)])),
  };
}
