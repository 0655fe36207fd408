// Shared by server and browser: why a sign-in through a provider came back to the sign-in page. The page
// shows only the sentences for these keys (messages/*.json, "signInError"), so the address bar cannot put
// words on it.

export const signInErrorKeys = ["expired", "refused", "disabled", "name-taken", "unavailable", "throttled"] as const;

export type SignInErrorKey = (typeof signInErrorKeys)[number];

export function isSignInErrorKey(value: unknown): value is SignInErrorKey {
  return typeof value === "string" && (signInErrorKeys as readonly string[]).includes(value);
}
