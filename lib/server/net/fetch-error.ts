import "server-only";

/**
 * Why a fetch on a user's behalf stopped, with a message meant for that person: "refused" (an address
 * rule), "lookup" (the name was not found), "connect", "redirects", "size", "time" or "status" (the
 * server answered with an error).
 */
export type FetchErrorKind = "refused" | "lookup" | "connect" | "redirects" | "size" | "time" | "status";

export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const plural = (n: number, unit: string) => `${n.toLocaleString("en")} ${unit}${n === 1 ? "" : "s"}`;

/** A limit in words: "20 seconds", "1 MiB". */
export const secondsInWords = (ms: number) => plural(Math.round(ms / 100) / 10, "second");
export const bytesInWords = (bytes: number) =>
  bytes >= 2 ** 30 && bytes % 2 ** 30 === 0 ? `${bytes / 2 ** 30} GiB` : `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;
