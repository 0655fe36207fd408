import { audit } from "@/lib/server/audit";
import { clearedSessionCookie, revokeSession } from "@/lib/server/auth/session";
import { isHttps } from "@/lib/server/http/origin";
import { route } from "@/lib/server/http/route";

export const POST = route({ permission: "authenticated" }, async ({ req, actor, ip }) => {
  await revokeSession(actor.sessionId);
  await audit({ actor, action: "auth.logout", result: "ok", ip });
  return Response.json({ ok: true }, { headers: { "Set-Cookie": clearedSessionCookie(isHttps((n) => req.headers.get(n))) } });
});
