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
  const tLeft = useTranslations("jobLeft");
  return useCallback(
    (job: Pick<JobView, "error" | "errorWords" | "errorSaid" | "errorNotes" | "errorLeft" | "errorText">) => {
      const why = job.errorWords
        ? t(job.errorWords.key, job.errorWords.values as never)
        : job.errorSaid
          ? sayApiError(job.errorSaid)
          : job.errorNotes
            ? job.errorNotes.map(sayNote).join("; ")
            : job.error;
      if (!job.errorLeft?.length) return why;
      // Named in the page's language after the reason (the English `error` names them in English).
      const base = job.errorWords || job.errorSaid || job.errorNotes ? why : (job.errorText ?? job.error ?? "");
      const list = job.errorLeft.map((l) => tLeft("item", { kind: l.kind, name: l.name, message: l.message })).join("; ");
      return `${base} ${tLeft("notRemoved", { list })}`;
    },
    [t, sayApiError, sayNote, tLeft],
  );
}

/** What a job does in the page's language; a job stored before labels had keys in its English text. */
export function useJobLabel() {
  const t = useTranslations("jobWords");
  return useCallback((job: Pick<JobView, "label" | "words">) => (job.words ? t(job.words.key, job.words.values as never) : job.label), [t]);
}
