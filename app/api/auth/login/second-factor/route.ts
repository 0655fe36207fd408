import { signInSecondFactor } from "@/lib/server/auth/second-factor";
import { sessionCookie } from "@/lib/server/auth/session";
import { isHttps } from "@/lib/server/http/origin";
import { publicRoute } from "@/lib/server/http/route";
import { secondFactorSchema, signInStepSchema } from "@/lib/validations/auth";

export const POST = publicRoute(
  { body: secondFactorSchema, response: signInStepSchema, summary: "Second sign-in step: a code from the app, or a recovery code" },
  async ({ req, body, ip, userAgent }) => {
    const { token, expiresAt, recoveryCodesLeft } = await signInSecondFactor({ ...body, ip, userAgent });
    const cookie = sessionCookie(
      token,
      expiresAt,
      isHttps((n) => req.headers.get(n)),
    );
    return Response.json({ ok: true, next: "done", recoveryCodesLeft }, { headers: { "Set-Cookie": cookie } });
  },
);
