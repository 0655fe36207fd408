// Shared by server and browser: what a job does, as a key of messages' "jobWords" with its names, so the
// pages say it in the reader's language. Jobs stored before labels had keys keep their English text.
import type { FetchValue } from "@/lib/i18n/fetch-words";
import type messages from "@/messages/en.json";

export type JobWordKey = keyof (typeof messages)["jobWords"];
export type JobWords = { key: JobWordKey; values: Record<string, string | number> };

/** Why a job ended, as a key of messages' "jobErrors" with its names; errors of other kinds stay as text. */
export type JobErrorKey = keyof (typeof messages)["jobErrors"];
export type JobErrorWords = { key: JobErrorKey; values: Record<string, string | number> };

/** A request's refusal said by key (messages' "apiErrors") that ended a job; a value may be a fetch's reason by key. */
export type ApiErrorKey = keyof (typeof messages)["apiErrors"];
export type ApiErrorWords = { key: ApiErrorKey; values?: Record<string, FetchValue> };
