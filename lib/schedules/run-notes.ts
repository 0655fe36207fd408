// Shared by server and browser: what a schedule run did on each guest, as a key of messages' "scheduleRuns"
// plus its values, so the Schedules page says it in the reader's language. Runs stored before notes had
// keys (and a verb's refusal, which is its own message) are plain text and show as they are.
import type { ApiErrorWords, JobErrorWords } from "@/lib/jobs/words";
import type messages from "@/messages/en.json";

export type RunNoteKey = keyof (typeof messages)["scheduleRuns"];
/**
 * `said`: on "failed", the verb's refusal by key, which pages say as its `reason` (English in the values); `job`:
 * likewise the words a job it waited for ended with.
 */
export type RunNote = { key: RunNoteKey; values?: Record<string, string | number>; said?: ApiErrorWords; job?: JobErrorWords };

const keys = new Set<string>([
  "backedUp",
  "alreadyInState",
  "notRunning",
  "started",
  "askedToShutDown",
  "snapshot",
  "snapshotPruned",
  "ownerMayNot",
  "failed",
  "noGuest",
] satisfies RunNoteKey[]);

export const runNote = (key: RunNoteKey, values?: RunNote["values"], said?: ApiErrorWords, job?: JobErrorWords): RunNote => ({
  key,
  ...(values ? { values } : {}),
  ...(said ? { said } : {}),
  ...(job ? { job } : {}),
});

/** A stored note as the page gets it: a note with a key this version knows, else its text. */
export function readRunNote(stored: unknown): RunNote | string {
  if (stored && typeof stored === "object" && "key" in stored && typeof stored.key === "string" && keys.has(stored.key)) {
    const values =
      "values" in stored && stored.values && typeof stored.values === "object" ? (stored.values as RunNote["values"]) : undefined;
    const said = "said" in stored && stored.said && typeof stored.said === "object" ? (stored.said as ApiErrorWords) : undefined;
    const job = "job" in stored && stored.job && typeof stored.job === "object" ? (stored.job as JobErrorWords) : undefined;
    return runNote(stored.key as RunNoteKey, values, said, job);
  }
  return typeof stored === "string" ? stored : JSON.stringify(stored);
}
