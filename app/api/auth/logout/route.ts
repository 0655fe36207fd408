import { auditRow } from "@/lib/server/audit";
import { accessChanged } from "@/lib/server/auth/access-changed";
import { clearedSessionCookie, revokeSession } from "@/lib/server/auth/session";
import { isHttps } from "@/lib/server/http/origin";
import { route } from "@/lib/server/http/route";

export const POST = route(
  { permission: "authenticated", sessionOnly: true, summary: "Sign out of this session" },
  async ({ req, ctx, actor }) => {
    await revokeSession(actor.sessionId);
    await auditRow(ctx, { action: "auth.logout" }, "ok");
    // This session's open event and console sockets close now; the person's other sessions keep theirs.
    await accessChanged(actor.id, "signed-out");
    return Response.json({ ok: true }, { headers: { "Set-Cookie": clearedSessionCookie(isHttps((n) => req.headers.get(n))) } });
  },
);
