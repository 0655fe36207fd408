import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { JobView } from "@/lib/jobs/types";

/** What a job does in the page's language; a job stored before labels had keys in its English text. */
export function useJobLabel() {
  const t = useTranslations("jobWords");
  return useCallback((job: Pick<JobView, "label" | "words">) => (job.words ? t(job.words.key, job.words.values as never) : job.label), [t]);
}
