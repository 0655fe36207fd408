import "server-only";
import type { AccessEndedReason } from "@/lib/auth/access-ended";
import { liveConnections } from "../ws/live-connections";

/**
 * Call after anything that may take access away from a person (sign-out, disable, password reset, a grant
 * removed or narrowed, the account deleted), once the change is committed: every live connection of theirs
 * re-checks its access and closes with a reason they can read when it no longer holds. `reason` is what they
 * read when their session itself ended.
 */
export async function accessChanged(userId: string, reason: AccessEndedReason): Promise<void> {
  await liveConnections().recheckUser(userId, reason);
}
