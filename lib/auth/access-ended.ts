// Shared by server and browser: why a live connection (events, a console) was closed on a person.

/** WebSocket close code for "your access ended"; the close reason is one of the keys below. */
export const ACCESS_ENDED_CLOSE_CODE = 4001;

export const accessEndedMessages = {
  "signed-out": "You were signed out",
  expired: "Your session expired; sign in again",
  disabled: "Your account was disabled",
  "password-reset": "Your password was changed; sign in again",
  deleted: "Your account was deleted",
  "guest-access-removed": "Your access to this guest was removed",
} as const;

export type AccessEndedReason = keyof typeof accessEndedMessages;

export function isAccessEndedReason(value: unknown): value is AccessEndedReason {
  return typeof value === "string" && Object.hasOwn(accessEndedMessages, value);
}

/** The sentence for a close event, or null when it was not closed for lost access. */
export function accessEndedMessage(event: { code: number; reason: string }): string | null {
  return event.code === ACCESS_ENDED_CLOSE_CODE && isAccessEndedReason(event.reason) ? accessEndedMessages[event.reason] : null;
}
