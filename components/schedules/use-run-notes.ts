import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { guestStates, type GuestState } from "@/lib/guests/types";
import type { RunNote } from "@/lib/schedules/run-notes";

const isState = (s: unknown): s is GuestState => guestStates.includes(s as GuestState);

/** Says what a schedule run did on a guest in the page's language; text without a key (older runs, refusals) as it is. */
export function useRunNotes() {
  const t = useTranslations("scheduleRuns");
  const tGuests = useTranslations("guests");
  return useCallback(
    (note: RunNote | string): string => {
      if (typeof note === "string") return note;
      const values = { ...note.values };
      if (isState(values.state)) values.state = tGuests(`state.${values.state}`);
      return t(note.key, values as never);
    },
    [t, tGuests],
  );
}
