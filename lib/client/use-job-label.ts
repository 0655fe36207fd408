import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { JobView } from "@/lib/jobs/types";
import { useApiErrorWords } from "./use-api-error-words";
import { useRunNotes } from "./use-run-notes";

/** Why a job ended, in the page's language when the console said it by key; else its text (libvirt's, older jobs). */
export function useJobError() {
  const t = useTranslations("jobErrors");
  const sayApiError = useApiErrorWords();
  const sayNote = useRunNotes();
  return useCallback(
    (job: Pick<JobView, "error" | "errorWords" | "errorSaid" | "errorNotes">) => {
      if (job.errorWords) return t(job.errorWords.key, job.errorWords.values as never);
      if (job.errorSaid) return sayApiError(job.errorSaid);
      if (job.errorNotes) return job.errorNotes.map(sayNote).join("; ");
      return job.error;
    },
    [t, sayApiError, sayNote],
  );
}

/** What a job does in the page's language; a job stored before labels had keys in its English text. */
export function useJobLabel() {
  const t = useTranslations("jobWords");
  return useCallback((job: Pick<JobView, "label" | "words">) => (job.words ? t(job.words.key, job.words.values as never) : job.label), [t]);
}
