// Shared by server and browser: why a fetch on a person's behalf failed (lib/server/net), as keys of messages'
// "fetchErrors" whose values may be further such words ("it redirected to …, and <why>"), so every part of the
// sentence is said in the reader's language. Text that is not ours (Node's socket errors) stays a plain value.
import type english from "@/messages/en.json";

export type FetchErrorKey = keyof (typeof english)["fetchErrors"];
export type FetchValue = string | number | FetchWords;
export type FetchWords = { key: FetchErrorKey; values?: Record<string, FetchValue> };

export const isFetchWords = (value: unknown): value is FetchWords =>
  typeof value === "object" && value !== null && typeof (value as FetchWords).key === "string";

/** A "fetchErrors" translator, of any language. */
export type SayFetch = (key: FetchErrorKey, values?: Record<string, string | number>) => string;

/** Values with the fetch words among them said first: what a translator of any namespace takes. */
export function sayFetchValues(say: SayFetch, values: Record<string, FetchValue>): Record<string, string | number>;
export function sayFetchValues(say: SayFetch, values?: Record<string, FetchValue>): Record<string, string | number> | undefined;
export function sayFetchValues(say: SayFetch, values?: Record<string, FetchValue>) {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, isFetchWords(value) ? sayFetch(say, value) : value]));
}

/** The words as one sentence: a plain text passes as it is. */
export const sayFetch = (say: SayFetch, words: FetchWords | string): string =>
  typeof words === "string" ? words : say(words.key, sayFetchValues(say, words.values));

/** An address rule's words (lib/server/net/address-rules.ts, by id): ICU's select takes no hyphen, so "link-local" is linkLocal there. */
export const addressRuleWords = (id: string): FetchWords => ({
  key: "addressRule",
  values: { rule: id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) },
});
