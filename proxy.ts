import { NextResponse, type NextRequest } from "next/server";
import { expectedOrigins, isHttps } from "@/lib/server/http/origin";
import { BROWSER_LOCALE_HEADER } from "@/lib/i18n/request-headers";
import { NONCE_HEADER, newNonce, securityHeaders } from "@/lib/server/http/security-headers";

/**
 * Gives every page its Content-Security-Policy with a fresh nonce. The policy also goes on the request, where Next.js
 * reads the nonce from script-src and puts it on its own scripts (pages render per request: the root layout reads it).
 */
export function proxy(request: NextRequest) {
  const get = (name: string) => request.headers.get(name);
  const nonce = newNonce();
  const headers = securityHeaders({
    https: isHttps(get),
    csp: { nonce, dev: process.env.NODE_ENV === "development", origins: expectedOrigins(get) },
  });
  const forwarded = new Headers(request.headers);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  // The sign-in page speaks the browser's language, not the last signed-in person's (i18n/request.ts).
  if (request.nextUrl.pathname === "/login") forwarded.set(BROWSER_LOCALE_HEADER, "1");
  else forwarded.delete(BROWSER_LOCALE_HEADER);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// API routes answer JSON and _next/static and _next/image files: none of them runs a script. server.ts gives them the other headers.
export const config = { matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico).*)"] };
