import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isHttps, nodeHeaderGetter } from "./origin";

// Every security header the console sends, in one place. proxy.ts adds the Content-Security-Policy (with a fresh
// nonce) to pages; server.ts puts the rest on every response, its own 401/302 and the API's JSON included.

/** The request header proxy.ts hands the page's nonce to the root layout in (for its inline theme script). */
export const NONCE_HEADER = "x-nonce";

export type CspOptions = {
  /** Fresh for every response (newNonce()); Next.js puts it on its own scripts. */
  nonce: string;
  /** React's development build rebuilds server error stacks with eval(); production never needs it. */
  dev: boolean;
  /** The origins this console is reached at (see expectedOrigins); their WebSocket twins go into connect-src. */
  origins: readonly string[];
};

export type SecurityHeaderOptions = {
  /** Whether the browser reached the console over HTTPS: only then is Strict-Transport-Security sent. */
  https: boolean;
  /** Pages only: without it no Content-Security-Policy is sent (JSON, files and redirects run no script). */
  csp?: CspOptions;
};

/** 128 random bits, base64 (the form Next.js looks for in script-src). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy({ nonce, dev, origins }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // Scripts the server writes run only with this response's nonce (Next.js's own, the root layout's theme script); the
    // chunks they load later (noVNC, spice-html5, xterm.js, uPlot) are this console's files ('self'). No 'strict-dynamic':
    // it would let any script-made script run, even an inline one without the nonce (Chromium does), while every script
    // here is our own; and X-Content-Type-Options: nosniff keeps JSON, text and downloads from running as scripts.
    ["script-src", "'self'", `'nonce-${nonce}'`, ...(dev ? ["'unsafe-eval'"] : [])],
    // Styles need 'unsafe-inline' (and so no nonce, which would switch it off): React renders style={…} props (usage and
    // capacity bars, the virtualized guest table) as style attributes in the server's HTML, xterm.js writes <style> elements
    // for its theme and cell size, and spice-html5 sets a style attribute on its video element; none of them can carry a
    // nonce. Styles run no script; scripts stay strict.
    ["style-src", "'self'", "'unsafe-inline'"],
    // noVNC and spice-html5 load cursors and JPEG updates from data: URLs; blob: is for pictures made on the page.
    ["img-src", "'self'", "data:", "blob:"],
    // spice-html5 plays video streams and audio through MediaSource blob: URLs.
    ["media-src", "'self'", "blob:"],
    // CSP3 browsers match same-host ws:/wss: by 'self'; older ones need them named. The consoles and live events use them.
    ["connect-src", "'self'", ...websocketSources(origins)],
    // Nothing starts workers: noVNC decodes H.264 with WebCodecs on the page, and spice-html5 and xterm.js use none.
    ["worker-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'self'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** ws:// and wss:// for each origin's host, whatever scheme the server believes the browser used. */
function websocketSources(origins: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const origin of origins) {
    const host = URL.canParse(origin) ? new URL(origin).host : "";
    // The Host header is the client's: only a plain host[:port] may enter the policy.
    if (/^[A-Za-z0-9.:[\]-]+$/.test(host)) hosts.add(host);
  }
  return [...hosts].flatMap((host) => [`ws://${host}`, `wss://${host}`]);
}

// What the console never uses is denied to it and to anything it might frame; full screen and the clipboard stay for the
// consoles (Full screen, Copy, Paste as keys). Only features Chromium knows are named: it logs an error for any other.
const permissionsPolicy = [
  ...[
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
  ].map((feature) => `${feature}=()`),
  ...["clipboard-read", "clipboard-write", "fullscreen"].map((feature) => `${feature}=(self)`),
].join(", ");

export function securityHeaders({ https, csp }: SecurityHeaderOptions): Record<string, string> {
  return {
    ...(csp ? { "Content-Security-Policy": contentSecurityPolicy(csp) } : {}),
    // same-origin rather than strict-origin-when-cross-origin: the console loads nothing from elsewhere, and its URLs (host
    // ids, guest UUIDs, console pages) are nobody else's business, not even the origin of a link someone follows.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": permissionsPolicy,
    "X-Content-Type-Options": "nosniff",
    // Legacy twin of frame-ancestors 'self', for browsers that predate it.
    "X-Frame-Options": "SAMEORIGIN",
    // A console's "Separate window" is same-origin, so it keeps its opener.
    "Cross-Origin-Opener-Policy": "same-origin",
    // Browsers ignore it over plain HTTP anyway; subdomains are not ours to pin.
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** For the custom server: the headers every response carries, set before Next.js or the login gate answers. */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders({ https: isHttps(nodeHeaderGetter(req.headers)) })))
    res.setHeader(name, value);
}
