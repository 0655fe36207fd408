import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { can, type Permission, type Scope } from "@/lib/roles";
import { actorFromToken, SESSION_COOKIE, type Actor } from "../auth/session";
import { auditTokenCall, bearerSecret, checkBearer, touchToken } from "../auth/bearer";
import { type Locale } from "@/lib/i18n/locales";
import { zodErrorMap } from "@/lib/i18n/zod-locale";
import { valuesOf, type ValidationKey } from "@/lib/validations/messages";
import english from "@/messages/en.json";
import { localeFor } from "../i18n/translator";
import { ApiError, forbidden, type FieldMessage } from "./errors";
import { errorResponse } from "./error-response";
import { clientAddressOf } from "./client-address";
import { limits } from "./limits";
import { isSameOrigin } from "./origin";
import { verbContext, type VerbContext } from "../verb-context";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Spec<P extends z.ZodType, B extends z.ZodType, Q extends z.ZodType> = {
  /** Who may call it: a permission checked against `scope`, or "authenticated" for any signed-in person. */
  permission: Permission | "authenticated";
  scope?: (params: z.infer<P>) => Scope;
  params?: P;
  body?: B;
  query?: Q;
  /** A JSON body larger than limits.jsonBodyBytes; say why where it is set. */
  maxBodyBytes?: number;
  /** Only for a signed-in page, never an API token (a person's own account: password, second factor, tokens). */
  sessionOnly?: boolean;
  /** For the API reference (/api/openapi.json): one line on what the route does, and the JSON it answers. */
  summary?: string;
  response?: z.ZodType;
};

/** What route() and publicRoute() keep of a spec on the handler they return, for the API reference (lib/server/openapi/). */
export type RouteSpec = Omit<Spec<z.ZodType, z.ZodType, z.ZodType>, "permission"> & { permission: Permission | "authenticated" | "public" };
export const ROUTE_SPEC = Symbol.for("virt-console.route-spec");

export type Handler<P extends z.ZodType, B extends z.ZodType, Q extends z.ZodType> = (args: {
  req: NextRequest;
  /** What a verb takes first: actor, client address, request id (the handler reads the person from it too). */
  ctx: VerbContext;
  params: z.infer<P>;
  body: z.infer<B>;
  query: z.infer<Q>;
  /** The requester's language (their stored choice, else the browser's), as the guard resolved it for its errors. */
  locale: Locale;
}) => Promise<unknown>;

const empty = z.object({}).passthrough();

/**
 * The one guard every API route goes through: same-origin check for mutations, session, permission on
 * the route's scope, zod validation of params/query/body, and errors turned into JSON with a status.
 */
export function route<P extends z.ZodType = typeof empty, B extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty>(
  spec: Spec<P, B, Q>,
  handler: Handler<P, B, Q>,
) {
  const handle = async (req: NextRequest, context: RouteContext): Promise<Response> => {
    let actor: Actor | null = null;
    let response: Response;
    const get = (name: string) => req.headers.get(name);
    const ip = clientAddressOf(get);
    // The requester's language for the error: the browser's until we know who is asking, then their stored choice.
    let locale = localeFor(null, get("accept-language"));
    try {
      // An API token is no ambient credential a foreign page could make the browser send: no Origin check for it.
      const bearer = bearerSecret(get("authorization"));
      if (!bearer && req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(get)) {
        throw new ApiError(403, { key: "crossSite" });
      }
      actor = bearer ? (await checkBearer(bearer)).actor : await actorFromToken(req.cookies.get(SESSION_COOKIE)?.value);
      if (!actor) throw new ApiError(401, { key: bearer ? "tokenInvalid" : "signInFirst" });
      locale = localeFor(actor, get("accept-language"));
      if (actor.token) await touchToken(actor.token.id, ip);
      if (spec.sessionOnly && actor.token) throw new ApiError(403, { key: "sessionOnly" });
      const params = parse(spec.params ?? empty, (await context?.params) ?? {}, 404, locale);
      if (spec.permission !== "authenticated" && !can(actor.grants, spec.permission, spec.scope?.(params as z.infer<P>))) {
        throw forbidden();
      }
      const query = parse(spec.query ?? empty, Object.fromEntries(req.nextUrl.searchParams), 422, locale);
      const body = spec.body ? parse(spec.body, await readJson(req, spec.maxBodyBytes ?? limits.jsonBodyBytes), 422, locale) : {};
      const result = await handler({ req, ctx: verbContext(actor, ip), params, body, query, locale } as Parameters<Handler<P, B, Q>>[0]);
      response = result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      response = await errorResponse(error, locale);
    }
    if (actor?.token) await auditTokenCall(actor, req.method, req.nextUrl.pathname, response.status, ip);
    return response;
  };
  return Object.assign(handle, { [ROUTE_SPEC]: spec as unknown as RouteSpec });
}

type PublicSpec<B extends z.ZodType, Q extends z.ZodType> = Pick<Spec<z.ZodType, B, Q>, "body" | "query" | "summary" | "response">;

/**
 * The few routes open without a session (signing in): same-origin check for mutations, zod validation of
 * query and body (a stranger's body is capped at limits.unauthenticatedBodyBytes), errors turned into JSON.
 */
export function publicRoute<B extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty>(
  spec: PublicSpec<B, Q>,
  handler: (ctx: { req: NextRequest; ip: string; userAgent: string; body: z.infer<B>; query: z.infer<Q> }) => Promise<unknown>,
) {
  const handle = async (req: NextRequest): Promise<Response> => {
    const get = (name: string) => req.headers.get(name);
    // Nobody is signed in here: the browser's language.
    const locale = localeFor(null, get("accept-language"));
    try {
      if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(get)) throw new ApiError(403, { key: "crossSite" });
      const query = parse(spec.query ?? empty, Object.fromEntries(req.nextUrl.searchParams), 422, locale);
      const body = spec.body ? parse(spec.body, await readJson(req, limits.unauthenticatedBodyBytes), 422, locale) : {};
      const result = await handler({ req, ip: clientAddressOf(get), userAgent: get("user-agent") ?? "", body, query } as Parameters<
        typeof handler
      >[0]);
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error, locale);
    }
  };
  return Object.assign(handle, { [ROUTE_SPEC]: { ...spec, permission: "public" } as RouteSpec });
}

/**
 * Reads a JSON body of at most `maxBytes`: refused on its Content-Length before reading, and while streaming
 * when it has none (or lies), so an oversized body is never held in memory.
 */
export async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  if (!req.headers.get("content-type")?.includes("application/json")) throw new ApiError(415, { key: "sendJson" });
  const tooLarge = () => new ApiError(413, { key: "bodyTooLarge", values: { limit: formatLimit(maxBytes) } });
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiError(400, { key: "notJson" });
  }
}

const formatLimit = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`);

/** Parses with zod's own messages in the requester's language; the schemas' own are keys, said in it by errorResponse. */
function parse<T extends z.ZodType>(schema: T, value: unknown, status: number, locale: Locale): z.infer<T> {
  const result = schema.safeParse(value, { error: zodErrorMap(locale) });
  if (result.success) return result.data;
  const said = status === 404 ? ({ key: "notFound", values: { what: "other" } } as const) : ({ key: "invalidFields" } as const);
  throw new ApiError(status, said, fieldErrors(result.error));
}

const isValidationKey = (message: string): message is ValidationKey => Object.hasOwn(english.validation, message);

/** One message per field (the first), by its dotted path: a schema's key with its values, or zod's own sentence. */
export function fieldErrors(error: z.ZodError): Record<string, FieldMessage> {
  const fields: Record<string, FieldMessage> = {};
  for (const issue of error.issues)
    fields[issue.path.join(".") || "_"] ??= isValidationKey(issue.message)
      ? { validation: issue.message, values: valuesOf(issue) }
      : issue.message;
  return fields;
}
