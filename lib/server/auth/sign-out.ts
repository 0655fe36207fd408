import "server-only";
import { auditRow } from "../audit";
import type { VerbContext } from "../verb-context";
import { accessChanged } from "./access-changed";
import { revokeSession } from "./session";

/** Ends the person's current session, audited; this session's open event and console sockets close now, their other sessions keep theirs. */
export async function signOut(ctx: VerbContext): Promise<void> {
  await revokeSession(ctx.actor.sessionId);
  await auditRow(ctx, { action: "auth.logout" }, "ok");
  await accessChanged(ctx.actor.id, "signed-out");
}
