// Shared by server and browser: why a sign-in through a provider came back to the sign-in page. The page
// shows only these sentences, chosen by key, so the address bar cannot put words on it.

export const signInErrorMessages = {
  expired: "That sign-in had expired or was already used; start again",
  refused: "Your sign-in provider's answer could not be accepted; try again, or ask an administrator",
  disabled: "This account is disabled",
  "name-taken": "Another account here already has your user name; ask an administrator",
  unavailable: "Your sign-in provider cannot be reached; try again later",
  throttled: "Too many failed sign-in attempts; try again later",
} as const;

export type SignInErrorKey = keyof typeof signInErrorMessages;

export function isSignInErrorKey(value: unknown): value is SignInErrorKey {
  return typeof value === "string" && Object.hasOwn(signInErrorMessages, value);
}
