// Shared by server and browser: why a live connection (events, a console) was closed on a person. The reason
// travels as its key; pages say it with messages' "accessEnded".

/** WebSocket close code for "your access ended"; the close reason is one of the reasons below. */
export const ACCESS_ENDED_CLOSE_CODE = 4001;

export const accessEndedReasons = ["signed-out", "expired", "disabled", "password-reset", "deleted", "guest-access-removed"] as const;

export type AccessEndedReason = (typeof accessEndedReasons)[number];

export function isAccessEndedReason(value: unknown): value is AccessEndedReason {
  return typeof value === "string" && (accessEndedReasons as readonly string[]).includes(value);
}

/** The reason of a close event, or null when it was not closed for lost access. */
export function accessEndedReason(event: { code: number; reason: string }): AccessEndedReason | null {
  return event.code === ACCESS_ENDED_CLOSE_CODE && isAccessEndedReason(event.reason) ? event.reason : null;
}
