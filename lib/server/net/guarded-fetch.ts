import "server-only";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import tls from "node:tls";
import { readIp } from "./address-rules";
import type { FetchWords } from "@/lib/i18n/fetch-words";
import { FetchError, seconds } from "./fetch-error";
import { connectGuarded } from "./guarded-connect";
import { Deadline, limitBody, sizeError } from "./limit-body";
import { currentAddressPolicy, type GuardOptions } from "./resolve-checked";

/**
 * The one way the server GETs an http(s) URL a user gave it (install trees; image imports later): the
 * address rules for every hop, redirects followed by hand (each one checked again), and caps on
 * redirects, size and time. Resolves once the server answered 2xx; the body is a stream under the caps.
 */
export type GuardedGetOptions = GuardOptions & {
  /** The body may be at most this large; a larger Content-Length is refused before reading. */
  maxBytes: number;
  /** Everything (lookups, connections, redirects, the whole body) is over by then. */
  timeoutMs: number;
  /** Waiting for a connection or for the server's next bytes; default the lesser of 20 s and timeoutMs. */
  idleTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
};

export type GuardedResponse = {
  /** Where the body came from, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** Content-Length, when the server said it. */
  size: number | null;
  body: Readable;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_REDIRECTS = 5;

/** Why `url` is not fetched over HTTP at all, or null. */
function unfit(url: URL): FetchWords | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return { key: "notHttp", values: { url: String(url) } };
  if (url.username || url.password) return { key: "credentials" };
  return null;
}

/** What a request sends besides GET's nothing: a POST's headers and body. */
type Sending = { method: "GET" } | { method: "POST"; headers: Record<string, string>; body: Buffer };

/** One request on a connection to a checked address, TLS verified against the URL's host name. */
async function requestOnce(
  url: URL,
  options: GuardOptions & { idleTimeoutMs: number },
  signal: AbortSignal,
  sending: Sending = { method: "GET" },
): Promise<IncomingMessage> {
  const host = url.hostname;
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const tcp = await connectGuarded(host, port, { ...options, connectTimeoutMs: options.idleTimeoutMs, signal });
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const socket =
    url.protocol === "https:"
      ? tls.connect({ socket: tcp, host: bare, servername: readIp(host) ? undefined : bare, ALPNProtocols: ["http/1.1"] })
      : tcp;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        method: sending.method,
        path: `${url.pathname}${url.search}`,
        setHost: false,
        headers: {
          Host: url.host,
          "User-Agent": "virt-console",
          Accept: "*/*",
          ...(sending.method === "POST" ? { ...sending.headers, "Content-Length": String(sending.body.length) } : {}),
        },
        createConnection: () => socket,
      },
      (res) => {
        req.setTimeout(0); // the body's quiet time is limitBody's to watch
        resolve(res);
      },
    );
    const onAbort = () => req.destroy(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    req.once("close", () => signal.removeEventListener("abort", onAbort));
    req.setTimeout(options.idleTimeoutMs, () =>
      req.destroy(new FetchError("time", { key: "noAnswer", values: { seconds: seconds(options.idleTimeoutMs) } })),
    );
    req.once("error", reject);
    req.end(sending.method === "POST" ? sending.body : undefined);
  });
}

/** Follows redirects to the final 2xx answer; errors carry only what went wrong (guardedGet adds the URL). */
async function answer(url: URL, options: GuardedGetOptions & { idleTimeoutMs: number }, deadline: Deadline) {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const { signal, clear } = deadline.signal();
    const res = await requestOnce(current, options, signal)
      .catch((err: Error) => {
        const why = err instanceof FetchError ? err.words : err.message;
        const words = redirects ? { key: "redirected" as const, values: { url: String(current), detail: why } } : why;
        throw new FetchError(err instanceof FetchError ? err.kind : "connect", words);
      })
      .finally(clear);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) {
      res.destroy();
      if (redirects >= maxRedirects) throw new FetchError("redirects", { key: "tooManyRedirects", values: { max: maxRedirects } });
      const next = new URL(location, current);
      const why = unfit(next);
      if (why) throw new FetchError("refused", { key: "redirected", values: { url: String(next), detail: why } });
      current = next;
      continue;
    }
    if (status < 200 || status > 299) {
      res.destroy();
      const answered = `${status} ${res.statusMessage ?? ""}`.trim();
      throw new FetchError(
        "status",
        redirects
          ? { key: "redirectedAnswered", values: { url: String(current), status: answered } }
          : { key: "serverAnswered", values: { status: answered } },
      );
    }
    return { res, current };
  }
}

export async function guardedGet(url: string, options: GuardedGetOptions): Promise<GuardedResponse> {
  const deadline = new Deadline(options.timeoutMs);
  try {
    const parsed = URL.parse(url);
    if (!parsed) throw new FetchError("refused", { key: "notUrl" });
    const why = unfit(parsed);
    if (why) throw new FetchError("refused", why);
    const settings = {
      ...options,
      policy: options.policy ?? (await currentAddressPolicy()),
      idleTimeoutMs: options.idleTimeoutMs ?? Math.min(20_000, options.timeoutMs),
    };
    const { res, current } = await answer(parsed, settings, deadline);
    const length = res.headers["content-length"];
    const size = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
    if (size !== null && size > options.maxBytes) {
      res.destroy();
      throw sizeError(options.maxBytes);
    }
    const body = limitBody(res, { maxBytes: options.maxBytes, deadline, idleMs: settings.idleTimeoutMs, what: url });
    return { url: String(current), status: res.statusCode!, headers: res.headers, size, body };
  } catch (err) {
    if (err instanceof FetchError) throw err.about("couldNotFetch", url);
    throw new FetchError("connect", (err as Error).message, { key: "couldNotFetch", url });
  }
}

export type GuardedPostOptions = GuardOptions & { headers: Record<string, string>; body: Buffer; timeoutMs: number };

/**
 * POSTs a body to a URL a user gave (alert webhooks) under the same address rules as guardedGet; no
 * redirects are followed (a POST is not repeated elsewhere). Resolves with the status of a 2xx answer,
 * throws a FetchError otherwise; the answer's body is not read.
 */
export async function guardedPost(url: string, options: GuardedPostOptions): Promise<{ status: number }> {
  const deadline = new Deadline(options.timeoutMs);
  const { signal, clear } = deadline.signal();
  try {
    const parsed = URL.parse(url);
    if (!parsed) throw new FetchError("refused", { key: "notUrl" });
    const why = unfit(parsed);
    if (why) throw new FetchError("refused", why);
    const settings = { ...options, policy: options.policy ?? (await currentAddressPolicy()), idleTimeoutMs: options.timeoutMs };
    const res = await requestOnce(parsed, settings, signal, { method: "POST", headers: options.headers, body: options.body });
    res.resume();
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299)
      throw new FetchError("status", { key: "serverAnswered", values: { status: `${status} ${res.statusMessage ?? ""}`.trim() } });
    return { status };
  } catch (err) {
    if (err instanceof FetchError) throw err.about("couldNotPost", url);
    throw new FetchError("connect", (err as Error).message, { key: "couldNotPost", url });
  } finally {
    clear();
  }
}
