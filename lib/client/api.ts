// Browser-side calls to the console's API: JSON in, JSON out, and errors carrying the server's message
// and per-field messages so forms can show them next to the field.

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The message is libvirt's own, as libvirt wrote it (untranslated): shown labelled as libvirt's. */
    readonly libvirt = false,
  ) {
    super(message);
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
