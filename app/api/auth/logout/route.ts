import { signOut } from "@/lib/server/auth/sign-out";
import { clearedSessionCookie } from "@/lib/server/auth/session";
import { isHttps } from "@/lib/server/http/origin";
import { route } from "@/lib/server/http/route";

export const POST = route({ permission: "authenticated", sessionOnly: true, summary: "Sign out of this session" }, async ({ req, ctx }) => {
  await signOut(ctx);
  return Response.json({ ok: true }, { headers: { "Set-Cookie": clearedSessionCookie(isHttps((n) => req.headers.get(n))) } });
});
