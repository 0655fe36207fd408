import "server-only";
import type { ErrorWords } from "@/lib/jobs/types";
import type { ApiErrorWords, JobErrorKey, JobErrorWords } from "@/lib/jobs/words";
import { readRunNote, type RunNote } from "@/lib/schedules/run-notes";
import { brandError } from "@/lib/branded-error";
import english from "@/messages/en.json";
import { englishTranslator } from "../i18n/english";
import { englishError, isApiError } from "../http/errors";

const t = englishTranslator("jobErrors");
const known = new Set(Object.keys(english.jobErrors));
const knownApi = new Set(Object.keys(english.apiErrors));
const BRAND = Symbol.for("virt-console.JobWordsError");

/** An error a job ends with that the console words itself: stored as its key and names, read in each page's language. */
export class JobWordsError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly words: JobErrorWords,
    options?: ErrorOptions,
  ) {
    super(t(words.key, words.values as never), options);
  }
}
export const jobError = (key: JobErrorKey, values: JobErrorWords["values"] = {}, options?: ErrorOptions) =>
  new JobWordsError({ key, values }, options);

/** A schedule's run that failed on a guest: its notes (one per guest, by key), stored for pages to say them. */
export class JobNotesError extends Error {
  constructor(
    readonly notes: (RunNote | string)[],
    inEnglish: (note: RunNote | string) => string,
  ) {
    super(notes.map(inEnglish).join("; "));
  }
}
const isJobNotesError = brandError(JobNotesError, "JobNotesError");

/** Recognised by brand, not instanceof: server.ts and the route bundles hold separate copies of this class. */
const wordsOf = (err: unknown): JobErrorWords | null =>
  typeof err === "object" && err !== null && BRAND in err ? (err as JobWordsError).words : null;

/**
 * An ApiError the job ended with, when it is said by an "apiErrors" key with plain values or fetch reasons (a
 * device's words, a sentence within it and libvirt's text stay text).
 */
export function apiErrorWordsOf(err: unknown): ApiErrorWords | null {
  if (!isApiError(err) || err.fromLibvirt || !err.said || !("key" in err.said) || err.said.device) return null;
  const values = err.said.values ?? {};
  if (Object.values(values).some((v) => typeof v === "object" && "said" in v)) return null;
  return { key: err.said.key, values: values as ApiErrorWords["values"] };
}

/** The error column's text for a failed job: the words (JSON) when the console said it by key, else its message. */
export function storedJobError(err: unknown, message: string): string {
  const words = wordsOf(err);
  if (words) return JSON.stringify(words);
  const said = apiErrorWordsOf(err);
  if (said) return JSON.stringify({ apiError: said });
  // The English stays beside the notes: older code and the log read it.
  return isJobNotesError(err) ? JSON.stringify({ runNotes: err.notes, text: message }) : message;
}

/** The stored error as code and pages read it: English text, and the words when it was stored by key. */
export function readJobError(stored: string | null | undefined): ErrorWords & { error?: string } {
  // The view has the key either way (pages and tests read the same shape as before).
  if (stored === null || stored === undefined) return { error: undefined };
  if (!stored.startsWith("{")) return { error: stored };
  try {
    const parsed = JSON.parse(stored) as JobErrorWords | { apiError: ApiErrorWords } | { runNotes: unknown[]; text: string };
    if ("runNotes" in parsed) return { error: parsed.text, errorNotes: parsed.runNotes.map(readRunNote) };
    if ("apiError" in parsed) {
      const said = parsed.apiError;
      return knownApi.has(said.key) ? { error: englishError(said), errorSaid: said } : { error: stored };
    }
    if (!known.has(parsed.key)) return { error: stored };
    return { error: t(parsed.key, parsed.values as never), errorWords: parsed };
  } catch {
    return { error: stored };
  }
}
