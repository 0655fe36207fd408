import "server-only";
import { createTranslator } from "next-intl";
import type { RunNote } from "@/lib/schedules/run-notes";
import english from "@/messages/en.json";

const t = createTranslator({ locale: "en", messages: english, namespace: "scheduleRuns" });

/** A run note in English, for the job's error (the jobs list shows it as the run's failure). */
export const runNoteInEnglish = (note: RunNote | string): string => (typeof note === "string" ? note : t(note.key, note.values as never));
