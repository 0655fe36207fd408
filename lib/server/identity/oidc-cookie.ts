import "server-only";
import { errorFields, log } from "../log";
import type { SignInErrorKey } from "@/lib/auth/sign-in-errors";
import { isApiError } from "../http/errors";
import { isOidcSignInError } from "./oidc-sign-in";

/** Holds an OpenID Connect sign-in under way between the redirect out and the provider's return. */
export const OIDC_COOKIE = "vc_oidc";
const PATH = "/api/auth/oidc";

// SameSite=Lax: the provider's return is a top-level navigation from its site, which Lax cookies go along with.
export const oidcCookie = (token: string, secure: boolean) =>
  `${OIDC_COOKIE}=${token}; Path=${PATH}; HttpOnly; SameSite=Lax; Max-Age=600${secure ? "; Secure" : ""}`;
export const clearedOidcCookie = (secure: boolean) =>
  `${OIDC_COOKIE}=; Path=${PATH}; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;

/** Only paths of this console: an open redirect after sign-in would be a phishing aid. */
export const safeNext = (next: string) => (next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/");

/** Back to the sign-in page, which says why by key. */
export function oidcFailureRedirect(error: unknown): Response {
  let reason: SignInErrorKey = "refused";
  if (isOidcSignInError(error)) reason = error.reason;
  else if (isApiError(error) && error.status === 429) reason = "throttled";
  else if (isApiError(error) && error.status === 404) reason = "unavailable";
  else log.error(errorFields(error), "OpenID Connect sign-in failed");
  return new Response(null, { status: 302, headers: { Location: `/login?error=${reason}` } });
}
