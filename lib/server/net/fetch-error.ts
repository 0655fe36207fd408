import "server-only";
import { sayFetch, type FetchWords } from "@/lib/i18n/fetch-words";
import { englishTranslator } from "../i18n/english";
import { ApiError, englishError, type Said } from "../http/errors";

/**
 * Why a fetch on a user's behalf stopped, with a message meant for that person: "refused" (an address
 * rule), "lookup" (the name was not found), "connect", "redirects", "size", "time" or "status" (the
 * server answered with an error).
 */
export type FetchErrorKind = "refused" | "lookup" | "connect" | "redirects" | "size" | "time" | "status";

/** The sentence that names the URL around why: "Could not fetch <url>: <why>" and its kin (messages' "apiErrors"). */
export type FetchLead = "couldNotFetch" | "couldNotPost" | "stoppedFetching";

const fetchInEnglish = englishTranslator("fetchErrors");

/**
 * `words` say why (by key, read in each person's language; a plain text when it is not ours, such as a socket's
 * error); with `lead`, the error also names the URL and `said` is the whole sentence. `message` is its English.
 */
export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly kind: FetchErrorKind,
    readonly words: FetchWords | string,
    readonly lead?: { key: FetchLead; url: string },
  ) {
    super(lead ? englishError(leadSaid(lead, words)) : sayFetch((key, values) => fetchInEnglish(key, values as never), words));
  }

  /** The whole sentence by key: the lead with the words, or (no lead) "Could not fetch `url`: …". */
  said(url: string): Said {
    return leadSaid(this.lead ?? { key: "couldNotFetch", url }, this.words);
  }

  /** The same reason under a lead that names the URL. */
  about(key: FetchLead, url: string): FetchError {
    return new FetchError(this.kind, this.words, { key, url });
  }
}

const leadSaid = (lead: { key: FetchLead; url: string }, detail: FetchWords | string): Said => ({
  key: lead.key,
  values: { url: lead.url, detail },
});

/** Any error of a fetch of `url` as the person's 409 ("Could not fetch `url`: …"), its reason said by key when it is ours. */
export function fetchRefusal(err: unknown, url: string): ApiError {
  const reason = err instanceof FetchError ? err : new FetchError("connect", (err as Error).message);
  return new ApiError(409, reason.said(url));
}

/** A limit in seconds, as the "fetchErrors" sentences take it (one decimal): 20_000 → 20. */
export const seconds = (ms: number) => Math.round(ms / 100) / 10;
/** A size limit as "fetchErrors.tooLarge" takes it: whole GiB where it is some, else MiB with one decimal (the sentence formats the number). */
export const sizeInWords = (bytes: number): { size: number; unit: "GiB" | "MiB" } =>
  bytes >= 2 ** 30 && bytes % 2 ** 30 === 0
    ? { size: bytes / 2 ** 30, unit: "GiB" }
    : { size: Math.round((bytes / 2 ** 20) * 10) / 10, unit: "MiB" };
