import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import { env } from "../env";

type HeaderGetter = (name: string) => string | null | undefined;

/** The origin this request was addressed to, as the browser sees it. */
export function expectedOrigins(get: HeaderGetter, encrypted = false): string[] {
  const origins: string[] = [];
  const configured = env().PUBLIC_ORIGIN;
  if (configured) origins.push(new URL(configured).origin);
  const host = get("x-forwarded-host") ?? get("host");
  if (host) {
    const proto = get("x-forwarded-proto")?.split(",")[0]?.trim() || (encrypted ? "https" : "http");
    origins.push(`${proto}://${host}`);
  }
  return origins;
}

/**
 * CSRF defence for mutations and WebSocket upgrades: the Origin header must name this console. Browsers
 * always send Origin on cross-site POSTs and WebSocket handshakes; without one, only Sec-Fetch-Site
 * saying "same-origin" is accepted.
 */
export function isSameOrigin(get: HeaderGetter, encrypted = false): boolean {
  const origin = get("origin");
  if (!origin) return get("sec-fetch-site") === "same-origin";
  return expectedOrigins(get, encrypted).includes(origin);
}

export function isHttps(get: HeaderGetter, encrypted = false): boolean {
  const proto = get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto ? proto === "https" : encrypted;
}

export function nodeHeaderGetter(headers: IncomingHttpHeaders): HeaderGetter {
  return (name) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
}
