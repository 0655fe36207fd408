import { z } from "zod";
import { sessionCookie } from "@/lib/server/auth/session";
import { expectedOrigins, isHttps } from "@/lib/server/http/origin";
import { publicRoute } from "@/lib/server/http/route";
import { clearedOidcCookie, OIDC_COOKIE, oidcFailureRedirect, safeNext } from "@/lib/server/identity/oidc-cookie";
import { finishOidcSignIn } from "@/lib/server/identity/oidc-sign-in";

// What the provider sends back: a code and the state, or an error (the whole query is checked by openid-client).
const query = z
  .object({ code: z.string().max(4096).optional(), state: z.string().max(1024).optional(), error: z.string().max(256).optional() })
  .passthrough();

/** Where the provider sends the browser back: signs the person in and goes on to the page they wanted. */
export const GET = publicRoute(
  { query, summary: "The OpenID Connect provider's return (redirects the browser)" },
  async ({ req, ip, userAgent }) => {
    const get = (n: string) => req.headers.get(n);
    const secure = isHttps(get);
    const providerId = req.nextUrl.pathname.split("/")[4] ?? "";
    // The URL as the provider addressed it (behind a proxy, not the one Next sees).
    const callbackUrl = new URL(req.nextUrl.pathname + req.nextUrl.search, expectedOrigins(get)[0] ?? req.nextUrl.origin);
    try {
      const { session, next } = await finishOidcSignIn(providerId, req.cookies.get(OIDC_COOKIE)?.value, callbackUrl, { ip, userAgent });
      const headers = new Headers({ Location: safeNext(next) });
      headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt, secure));
      headers.append("Set-Cookie", clearedOidcCookie(secure));
      return new Response(null, { status: 302, headers });
    } catch (error) {
      const response = oidcFailureRedirect(error);
      response.headers.append("Set-Cookie", clearedOidcCookie(secure));
      return response;
    }
  },
);
