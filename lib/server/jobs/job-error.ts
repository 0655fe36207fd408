import "server-only";
import type { ErrorWords, LeftArtefact } from "@/lib/jobs/types";
import type { ApiErrorWords, JobErrorKey, JobErrorWords } from "@/lib/jobs/words";
import { readRunNote, type RunNote } from "@/lib/schedules/run-notes";
import { brandError } from "@/lib/branded-error";
import english from "@/messages/en.json";
import { englishTranslator } from "../i18n/english";
import { englishError, isApiError } from "../http/errors";
import { leftInEnglish } from "./left-in-english";

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
export const jobWordsOf = (err: unknown): JobErrorWords | null =>
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

/**
 * The error column's text for a failed job: the words (JSON) when the console said it by key, else its message; with
 * what the job made and could not remove (`left`), always JSON, so pages add it in their language.
 */
export function storedJobError(err: unknown, message: string, left: readonly LeftArtefact[] = []): string {
  const extra = left.length ? { left } : {};
  const words = jobWordsOf(err);
  if (words) return JSON.stringify({ ...words, ...extra });
  const said = apiErrorWordsOf(err);
  if (said) return JSON.stringify({ apiError: said, ...extra });
  // The English stays beside the notes: older code and the log read it.
  if (isJobNotesError(err)) return JSON.stringify({ runNotes: err.notes, text: message, ...extra });
  return left.length ? JSON.stringify({ text: message, left }) : message;
}

/** The stored error as code and pages read it: English text, and the words when it was stored by key. */
export function readJobError(stored: string | null | undefined): ErrorWords & { error?: string } {
  // The view has the key either way (pages and tests read the same shape as before).
  if (stored === null || stored === undefined) return { error: undefined };
  if (!stored.startsWith("{")) return { error: stored };
  try {
    const parsed = JSON.parse(stored) as (
      JobErrorWords | { apiError: ApiErrorWords } | { runNotes: unknown[]; text: string } | { text: string }
    ) & {
      left?: LeftArtefact[];
    };
    const left = parsed.left?.length ? { errorLeft: parsed.left } : {};
    // The English text names what was left too (code and the log read it).
    const withLeft = (text: string) => (parsed.left?.length ? `${text} Not removed: ${leftInEnglish(parsed.left)}.` : text);
    if ("runNotes" in parsed) return { error: withLeft(parsed.text), errorNotes: parsed.runNotes.map(readRunNote), ...left };
    if ("apiError" in parsed) {
      const said = parsed.apiError;
      return knownApi.has(said.key) ? { error: withLeft(englishError(said)), errorSaid: said, ...left } : { error: stored };
    }
    if (!("key" in parsed)) return { error: withLeft(parsed.text), ...(parsed.left?.length ? { errorText: parsed.text } : {}), ...left };
    if (!known.has(parsed.key)) return { error: stored };
    const words: JobErrorWords = { key: parsed.key, values: parsed.values };
    return { error: withLeft(t(parsed.key, parsed.values as never)), errorWords: words, ...left };
  } catch {
    return { error: stored };
  }
}
