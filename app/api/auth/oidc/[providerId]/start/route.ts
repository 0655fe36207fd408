import { z } from "zod";
import { expectedOrigins, isHttps } from "@/lib/server/http/origin";
import { publicRoute } from "@/lib/server/http/route";
import { oidcCookie, oidcFailureRedirect } from "@/lib/server/identity/oidc-cookie";
import { startOidcSignIn } from "@/lib/server/identity/oidc-sign-in";

const query = z.object({ next: z.string().max(2048).optional() });

/** Sends the browser to the OpenID Connect provider (a redirect), remembering the sign-in in a short-lived cookie. */
export const GET = publicRoute(
  { query, summary: "Sign in through an OpenID Connect provider (redirects the browser)" },
  async ({ req, query, ip }) => {
    const get = (n: string) => req.headers.get(n);
    const providerId = req.nextUrl.pathname.split("/")[4] ?? "";
    try {
      const { url, token } = await startOidcSignIn(providerId, expectedOrigins(get)[0] ?? req.nextUrl.origin, query.next ?? "/", ip);
      return new Response(null, { status: 302, headers: { Location: url.href, "Set-Cookie": oidcCookie(token, isHttps(get)) } });
    } catch (error) {
      return oidcFailureRedirect(error);
    }
  },
);
