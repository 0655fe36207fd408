"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { z } from "zod";
import { ApiRequestError } from "./api";
import { useIssueText } from "./use-issue-text";

/**
 * Field messages from the shared zod schema (before sending) or from the server's 4xx reply (after).
 * `under` names the object the form's fields sit in within the request body (a device body's "values"):
 * the server's messages for `values.model` are shown on the form's `model`.
 */
export function useFormErrors({ under }: { under?: string } = {}) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const issueText = useIssueText();
  const t = useTranslations("requestErrors");
  return {
    fields,
    clear: () => setFields({}),
    validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | null {
      const parsed = schema.safeParse(value);
      if (parsed.success) {
        setFields({});
        return parsed.data;
      }
      setFields(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "_", issueText(i)])));
      return null;
    },
    fromError(error: unknown): string {
      if (error instanceof ApiRequestError) {
        const prefix = under ? `${under}.` : null;
        setFields(
          prefix
            ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.startsWith(prefix) ? k.slice(prefix.length) : k, v]))
            : error.fields,
        );
        return error.message;
      }
      return t("unreachable");
    },
  };
}
