import "server-only";
import { eventsHub } from "../ws/events-hub";

/**
 * Call after anything that may take access away from a person (sign-out, disable, password reset, a grant
 * removed or narrowed, the account deleted): every live connection of theirs re-checks its access and closes
 * with `reason` when it no longer holds.
 */
export async function accessChanged(userId: string, reason: string): Promise<void> {
  eventsHub().disconnectUser(userId, reason);
}
