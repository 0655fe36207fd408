import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { guestStates, type GuestState } from "@/lib/guests/types";
import type { RunNote } from "@/lib/schedules/run-notes";
import { useApiErrorWords } from "./use-api-error-words";

const isState = (s: unknown): s is GuestState => guestStates.includes(s as GuestState);

/** Says what a schedule run did on a guest in the page's language; text without a key (older runs, libvirt's) as it is. */
export function useRunNotes() {
  const t = useTranslations("scheduleRuns");
  const tGuests = useTranslations("guests");
  const sayApiError = useApiErrorWords();
  const tJob = useTranslations("jobErrors");
  return useCallback(
    (note: RunNote | string): string => {
      if (typeof note === "string") return note;
      const values = { ...note.values };
      if (isState(values.state)) values.state = tGuests(`state.${values.state}`);
      // A verb's refusal said by key: its reason in the page's language.
      if (note.said) values.reason = sayApiError(note.said);
      if (note.job) values.reason = tJob(note.job.key, note.job.values as never);
      return t(note.key, values as never);
    },
    [t, tGuests, sayApiError, tJob],
  );
}
