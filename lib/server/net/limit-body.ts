import "server-only";
import { pipeline, Transform, type Readable } from "node:stream";
import { FetchError, seconds, sizeInWords } from "./fetch-error";

/** When a fetch must be over: started once, shared by its lookups, connections, redirects and body. */
export class Deadline {
  readonly at: number;

  constructor(readonly ms: number) {
    this.at = Date.now() + ms;
  }

  remaining(): number {
    return Math.max(0, this.at - Date.now());
  }

  error(): FetchError {
    return new FetchError("time", { key: "tookLonger", values: { seconds: seconds(this.ms) } });
  }

  /** A signal aborted (with `error()` as its reason) when the time is up; `clear` before dropping it. */
  signal(): { signal: AbortSignal; clear: () => void } {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(this.error()), this.remaining());
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
  }
}

export const sizeError = (maxBytes: number) => new FetchError("size", { key: "tooLarge", values: sizeInWords(maxBytes) });

export type BodyLimits = {
  maxBytes: number;
  deadline: Deadline;
  /** Also ends it when no bytes came for this long. */
  idleMs?: number;
  /** The URL, for the messages. */
  what: string;
};

/**
 * `body` passed through, ended with a size error past `maxBytes`, a time error at the deadline and, with
 * `idleMs`, when the server goes quiet. Destroying the result destroys `body` (and its connection).
 */
export function limitBody(body: Readable, { maxBytes, deadline, idleMs, what }: BodyLimits): Readable {
  let total = 0;
  let idle: NodeJS.Timeout | undefined;
  const stopped = (err: FetchError) => err.about("stoppedFetching", what);
  const stop = (err: FetchError) => limited.destroy(stopped(err));
  const quiet = () => {
    // Bytes still waiting for the reader: the wait is on this side, not the server's.
    if (limited.readableLength > 0 || limited.writableLength > 0) return void idle?.refresh();
    stop(new FetchError("time", { key: "sentNothing", values: { seconds: seconds(idleMs!) } }));
  };
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      idle?.refresh();
      total += chunk.length;
      if (total > maxBytes) callback(stopped(sizeError(maxBytes)));
      else callback(null, chunk);
    },
  });
  const { signal, clear } = deadline.signal();
  const onTimeUp = () => stop(signal.reason as FetchError);
  signal.addEventListener("abort", onTimeUp, { once: true });
  if (idleMs) idle = setTimeout(quiet, idleMs);
  limited.once("close", () => {
    clear();
    clearTimeout(idle);
    signal.removeEventListener("abort", onTimeUp);
  });
  // Before pipeline's own handler, so the reader learns which download broke.
  body.once("error", (err) => {
    if (!limited.destroyed) stop(err instanceof FetchError ? err : new FetchError("connect", err.message));
  });
  pipeline(body, limited, () => undefined);
  return limited;
}
