import { createTranslator, type Messages as AppMessages } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { valuesOf, type IssueLike, type Problem, type ValidationKey } from "@/lib/validations/messages";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import ko from "@/messages/ko.json";
import ru from "@/messages/ru.json";

const catalogues = { en, ko, ja, ru } as unknown as Record<Locale, AppMessages>;

/** A schema issue or a problem as a person reads it in `locale` (the browser's useIssueText, outside React). */
export function issueText(issue: IssueLike | Problem | null | undefined, locale: Locale = "en"): string | null {
  if (!issue) return null;
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "validation" });
  if ("key" in issue) return t(issue.key, issue.values);
  return t.has(issue.message as ValidationKey) ? t(issue.message as ValidationKey, valuesOf(issue)) : issue.message;
}
