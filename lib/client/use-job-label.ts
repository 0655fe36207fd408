import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { sayFetchValues } from "@/lib/i18n/fetch-words";
import type { JobView } from "@/lib/jobs/types";

/** Why a job ended, in the page's language when the console said it by key; else its text (libvirt's, older jobs). */
export function useJobError() {
  const t = useTranslations("jobErrors");
  const tApi = useTranslations("apiErrors");
  const tFetch = useTranslations("fetchErrors");
  return useCallback(
    (job: Pick<JobView, "error" | "errorWords" | "errorSaid">) => {
      if (job.errorWords) return t(job.errorWords.key, job.errorWords.values as never);
      if (!job.errorSaid) return job.error;
      const values = sayFetchValues((key, v) => tFetch(key, v as never), job.errorSaid.values);
      return tApi(job.errorSaid.key, values as never);
    },
    [t, tApi, tFetch],
  );
}

/** What a job does in the page's language; a job stored before labels had keys in its English text. */
export function useJobLabel() {
  const t = useTranslations("jobWords");
  return useCallback((job: Pick<JobView, "label" | "words">) => (job.words ? t(job.words.key, job.words.values as never) : job.label), [t]);
}
