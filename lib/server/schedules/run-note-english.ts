import "server-only";
import type { RunNote } from "@/lib/schedules/run-notes";
import { englishTranslator } from "../i18n/english";

const t = englishTranslator("scheduleRuns");

/** A run note in English, for the job's error (the jobs list shows it as the run's failure). */
export const runNoteInEnglish = (note: RunNote | string): string => (typeof note === "string" ? note : t(note.key, note.values as never));
