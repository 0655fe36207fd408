import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { serverTranslator } from "../i18n/translator";
import { withDevice, type FieldMessage, type Said } from "./errors";

/**
 * An error's sentence and its fields' in `locale`. The translators are next-intl's over the locale's messages
 * (English where a key is not translated yet); a field's text that is no key (not converted yet, or zod's own
 * message, already in the language it was parsed in) passes as it is.
 */
export async function translateError(locale: Locale, said: Said, fields?: Record<string, FieldMessage>) {
  const t = await serverTranslator(locale, "apiErrors");
  const tValidation = await serverTranslator(locale, "validation");
  const tDevice = await serverTranslator(locale, "deviceWords");
  const say = (said: Said) =>
    "validation" in said
      ? tValidation(said.validation, said.values)
      : t(
          said.key,
          withDevice(said, (key, values) => tDevice(key, values as never)),
        );
  return {
    error: say(said),
    fields:
      fields &&
      Object.fromEntries(Object.entries(fields).map(([name, message]) => [name, typeof message === "string" ? message : say(message)])),
  };
}
