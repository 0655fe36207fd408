import { z } from "zod";
import { signInEnrol } from "@/lib/server/auth/second-factor";
import { sessionCookie } from "@/lib/server/auth/session";
import { isHttps } from "@/lib/server/http/origin";
import { publicRoute } from "@/lib/server/http/route";
import { enrolmentSchema, enrolSchema, signInStepSchema } from "@/lib/validations/auth";

export const POST = publicRoute(
  {
    body: enrolSchema,
    response: z.union([enrolmentSchema, signInStepSchema]),
    summary: "Enrolment a role requires at sign-in: the secret to add to an app, then its first code",
  },
  async ({ req, body, ip, userAgent }) => {
    const result = await signInEnrol({ ...body, ip, userAgent });
    if (result.kind === "enrolment") return { secret: result.secret, uri: result.uri, qr: result.qr };
    const cookie = sessionCookie(
      result.token,
      result.expiresAt,
      isHttps((n) => req.headers.get(n)),
    );
    return Response.json({ ok: true, next: "done", recoveryCodes: result.recoveryCodes }, { headers: { "Set-Cookie": cookie } });
  },
);
