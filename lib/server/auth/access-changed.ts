import "server-only";
import { log } from "../log";
import { z } from "zod";
import { accessEndedReasons, type AccessEndedReason } from "@/lib/auth/access-ended";
import { bus } from "../cluster/bus";
import { instanceId } from "../cluster/instance";
import { liveConnections } from "../ws/live-connections";

const messageSchema = z.object({
  userId: z.string().min(1),
  reason: z.enum(accessEndedReasons),
});

/**
 * Call after anything that may take access away from a person (sign-out, disable, password reset, a grant
 * removed or narrowed, the account deleted), once the change is committed: every live connection of theirs,
 * on this instance and (through the bus) on every other, re-checks its access and closes with a reason they
 * can read when it no longer holds. `reason` is what they read when their session itself ended. This
 * instance's connections are re-checked before it returns.
 */
export async function accessChanged(userId: string, reason: AccessEndedReason): Promise<void> {
  await liveConnections().recheckUser(userId, reason);
  await bus()
    .publish("access", { userId, reason } satisfies z.infer<typeof messageSchema>)
    .catch((err: Error) => log.error(`access change of ${userId} not sent to the other instances: ${err.message}`));
}

/** Re-checks this instance's connections when another instance changed someone's access (server.ts starts it). */
export function listenForAccessChanges(): () => void {
  const off = bus().subscribe("access", (payload, message) => {
    if (message.from === instanceId()) return; // done before publishing
    const parsed = messageSchema.safeParse(payload);
    if (!parsed.success) return log.error("access changes: ignored a malformed message");
    void liveConnections().recheckUser(parsed.data.userId, parsed.data.reason);
  });
  // Changes may have been missed while the link was down: everyone is checked again.
  const offResync = bus().onResync(() => void liveConnections().recheckEveryone());
  return () => {
    off();
    offResync();
  };
}
