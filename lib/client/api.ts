// Browser-side calls to the console's API: JSON in, JSON out, and errors carrying the server's message
// and per-field messages so forms can show them next to the field.

/** How a libvirt message is labelled as libvirt's, in the page's language (set once by app/providers.tsx). */
let labelLibvirt = (message: string) => message;
export function setLibvirtLabel(label: (message: string) => string): void {
  labelLibvirt = label;
}

/** libvirt's own words as the page shows them: labelled as libvirt's. */
export const libvirtSays = (message: string) => labelLibvirt(message);

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    /** The server's message: already in the person's language, or libvirt's own as libvirt wrote it. */
    readonly said: string,
    readonly fields: Record<string, string> = {},
    /** The message is libvirt's own (untranslated): `message` labels it as libvirt's, wherever it is shown. */
    readonly libvirt = false,
  ) {
    super(libvirt ? labelLibvirt(said) : said);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string>; libvirt?: boolean };
  if (res.status === 401 && typeof window !== "undefined" && !path.startsWith("/api/auth/login")) {
    // A full page load on purpose: the expired session's cached data is dropped with the page.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
  }
  if (!res.ok) throw new ApiRequestError(res.status, data.error ?? `Request failed (${res.status})`, data.fields, data.libvirt === true);
  return data as T;
}
