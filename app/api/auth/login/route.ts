import { login } from "@/lib/server/auth/login";
import { sessionCookie } from "@/lib/server/auth/session";
import { isHttps } from "@/lib/server/http/origin";
import { publicRoute } from "@/lib/server/http/route";
import { loginSchema, signInStepSchema } from "@/lib/validations/auth";

// Open without a session: the first step of signing in with a password (here or in an LDAP directory).
export const POST = publicRoute(
  { body: loginSchema, response: signInStepSchema, summary: "Sign in with a user name and password; may ask for a second step" },
  async ({ req, body, ip, userAgent }) => {
    const result = await login({ ...body, ip, userAgent });
    if (result.kind !== "session") return { ok: true, next: result.kind, challenge: result.challenge };
    const cookie = sessionCookie(
      result.token,
      result.expiresAt,
      isHttps((n) => req.headers.get(n)),
    );
    return Response.json({ ok: true, next: "done" }, { headers: { "Set-Cookie": cookie } });
  },
);
