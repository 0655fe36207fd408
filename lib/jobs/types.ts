// Shared by server and browser: a long-running piece of work as the page sees it.
import type { RunNote } from "@/lib/schedules/run-notes";
import type { ApiErrorWords, JobErrorWords, JobWords } from "./words";

export type JobStatus = "running" | "done" | "failed" | "cancelled";

/** Why something ended without finishing: English (logs, older rows), and the same by key when the console said it. */
/** Something a failed job made that could not be removed again: what, and why (libvirt's words). */
export type LeftArtefact = { kind: "volume" | "guest" | "file"; name: string; message: string };

export type ErrorWords = {
  /** What the failed job made and could not remove (pages add "Not removed: …" in their language). */
  errorLeft?: LeftArtefact[];
  /** With errorLeft and no words: the reason as it came (libvirt's text), without the English "Not removed: …" of `error`. */
  errorText?: string;
  errorWords?: JobErrorWords;
  /** Or a refusal of the console's requests (apiErrors) that ended it, by key likewise. */
  errorSaid?: ApiErrorWords;
  /** Or what a schedule's run did on each guest, when it failed on one (pages join them with "; "). */
  errorNotes?: (RunNote | string)[];
};

export type JobView = ErrorWords & {
  id: string;
  kind: string;
  /** What it is doing, in English: "Creating disk1.qcow2 in default" (logs, older jobs). */
  label: string;
  /** The same as a key with names, for pages to say in their language (absent for jobs stored before keys). */
  words?: JobWords;
  status: JobStatus;
  /** Bytes (or steps) done of total; total 0 = unknown. */
  done: number;
  total: number;
  startedAt: number;
  finishedAt?: number;
  /** Why it ended without finishing, in English (logs, older jobs). */
  error?: string;
  result?: unknown;
  /** Job-specific live figures (e.g. a migration's speed and expected downtime). */
  detail?: unknown;
};
