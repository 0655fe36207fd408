import type { NextRequest } from "next/server";
import { loginSchema } from "@/lib/validations/auth";
import { login } from "@/lib/server/auth/login";
import { sessionCookie } from "@/lib/server/auth/session";
import { ApiError } from "@/lib/server/http/errors";
import { clientAddressOf } from "@/lib/server/http/client-address";
import { isHttps, isSameOrigin } from "@/lib/server/http/origin";
import { limits } from "@/lib/server/http/limits";
import { errorResponse } from "@/lib/server/http/error-response";
import { fieldErrors, readJson } from "@/lib/server/http/route";

// The one API route open without a session.
export async function POST(req: NextRequest): Promise<Response> {
  try {
    const get = (name: string) => req.headers.get(name);
    if (!isSameOrigin(get)) throw new ApiError(403, "Cross-site request refused");
    const parsed = loginSchema.safeParse(await readJson(req, limits.unauthenticatedBodyBytes));
    if (!parsed.success) throw new ApiError(422, "Enter your user name and password", fieldErrors(parsed.error));
    const { token, expiresAt } = await login({ ...parsed.data, ip: clientAddressOf(get), userAgent: get("user-agent") ?? "" });
    return Response.json({ ok: true }, { headers: { "Set-Cookie": sessionCookie(token, expiresAt, isHttps(get)) } });
  } catch (error) {
    return errorResponse(error);
  }
}
