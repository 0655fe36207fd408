// Browser-side calls to the console's API: JSON in, JSON out, and errors carrying the server's message
// and per-field messages so forms can show them next to the field.
import type english from "@/messages/en.json";

/** A sentence of messages' "requestErrors": what the page says about an answer itself. */
export type RequestErrorKey = keyof (typeof english)["requestErrors"];
type SayRequest = (key: RequestErrorKey, values?: Record<string, string | number>) => string;

/** The page's "requestErrors" translator (set once by app/providers.tsx); English until then. */
let sayRequest: SayRequest = (key, values) =>
  key === "libvirtSays" ? String(values?.message) : key === "failed" ? `Request failed (${values?.status})` : key;
export function setRequestWords(say: SayRequest): void {
  sayRequest = say;
}

/** libvirt's own words as the page shows them: labelled as libvirt's. */
export const libvirtSays = (message: string) => sayRequest("libvirtSays", { message });
const requestErrorKeys = new Set<string>(["tooManyConnections"] satisfies RequestErrorKey[]);

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    /** The server's message: already in the person's language, or libvirt's own as libvirt wrote it. */
    readonly said: string,
    readonly fields: Record<string, string> = {},
    /** The message is libvirt's own (untranslated): `message` labels it as libvirt's, wherever it is shown. */
    readonly libvirt = false,
  ) {
    super(libvirt ? libvirtSays(said) : said);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const data = (await res.json().catch(() => ({}))) as {
    error?: string;
    fields?: Record<string, string>;
    libvirt?: boolean;
    /** A refusal made before the request was read (the connection limiter): a key the page says in its language. */
    requestError?: string;
  };
  if (res.status === 401 && typeof window !== "undefined" && !path.startsWith("/api/auth/login")) {
    // A full page load on purpose: the expired session's cached data is dropped with the page.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
  }
  if (!res.ok) {
    const refused = data.requestError && requestErrorKeys.has(data.requestError) ? sayRequest(data.requestError as RequestErrorKey) : null;
    const said = refused ?? data.error ?? sayRequest("failed", { status: res.status });
    throw new ApiRequestError(res.status, said, data.fields, data.libvirt === true);
  }
  return data as T;
}
