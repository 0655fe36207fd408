import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { sayFetchValues } from "@/lib/i18n/fetch-words";
import type { ApiErrorWords } from "@/lib/jobs/words";

/** A refusal of the console's requests said by key (apiErrors, its fetch reasons too) in the page's language. */
export function useApiErrorWords() {
  const tApi = useTranslations("apiErrors");
  const tFetch = useTranslations("fetchErrors");
  return useCallback(
    (said: ApiErrorWords) => tApi(said.key, sayFetchValues((key, v) => tFetch(key, v as never), said.values) as never),
    [tApi, tFetch],
  );
}
