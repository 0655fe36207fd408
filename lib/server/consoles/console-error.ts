import "server-only";
import { closeReason, type CloseWords, type ConsoleErrorKey } from "@/lib/consoles/close-words";
import { englishError, isApiError } from "../http/errors";
import { englishTranslator } from "../i18n/english";
import { ConsoleUnavailableError } from "./display-endpoint";

const inEnglish = englishTranslator("consoleErrors");

/** Why a console session failed, in the console's words: by key for the page, in English for the audit and the log. */
export class ConsoleWordsError extends Error {
  override name = "ConsoleWordsError";
  constructor(readonly words: Extract<CloseWords, { key: ConsoleErrorKey }>) {
    super(inEnglish(words.key, words.values as never));
  }
}
export const consoleError = (key: ConsoleErrorKey, values?: Record<string, string | number>) => new ConsoleWordsError({ key, values });

/** The English of close words (for a test or the log). */
export const closeWordsInEnglish = (words: CloseWords): string =>
  "apiError" in words ? englishError({ key: words.apiError, values: words.values }) : inEnglish(words.key, words.values as never);

/**
 * What the page reads when a session ends on `err` (a 4000-range close): the words by key when the console said
 * it (its own, or a refusal the API gives too), else the error's text (libvirt's own, as libvirt said it).
 */
export function closeReasonOf(err: unknown): string {
  if (err instanceof ConsoleWordsError) return closeReason(err.words);
  if (err instanceof ConsoleUnavailableError) return closeReason({ apiError: err.said.key, values: err.said.values });
  if (isApiError(err) && !err.fromLibvirt && err.said && "key" in err.said && !err.said.device) {
    const values = err.said.values ?? {};
    // Only plain values travel in a close reason; anything richer is said in English.
    if (Object.values(values).every((v) => typeof v === "string" || typeof v === "number"))
      return closeReason({ apiError: err.said.key, values: values as Record<string, string | number> });
  }
  return (err instanceof Error ? err.message : String(err)).slice(0, 120);
}
