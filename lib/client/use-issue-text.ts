"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { valuesOf, type IssueLike, type Problem, type ValidationKey } from "@/lib/validations/messages";

/**
 * An issue of a shared schema (or a problem a shared check returns) as text in the page's language: the schemas' own sentences are keys of
 * messages "validation" (lib/validations/messages.ts); zod's own are already in it (app/providers.tsx).
 */
export function useIssueText() {
  const t = useTranslations("validation");
  return useCallback(
    (issue: IssueLike | Problem): string => {
      if ("key" in issue) return t(issue.key, issue.values);
      return t.has(issue.message as ValidationKey) ? t(issue.message as ValidationKey, valuesOf(issue)) : issue.message;
    },
    [t],
  );
}
