import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { actorFromToken, cookieFromHeader } from "../auth/session";
import { answerHealth, healthPaths } from "./health";
import { auditRefusedToken, bearerSecret, checkBearer } from "../auth/bearer";
import { clientAddressOf } from "./client-address";
import { nodeHeaderGetter } from "./origin";
import { limits } from "./limits";
import { localeFor } from "../i18n/translator";
import type { ErrorKey } from "./errors";
import type { MessageValues } from "@/lib/validations/messages";
import { translateError } from "./translate-error";

/**
 * The first look at every HTTP request, in server.ts before Next sees it: a well-formed path and method,
 * a body no bigger than a stranger may send, and a session everywhere but the sign-in page (or, for /api, a
 * valid API token in `Authorization: Bearer`). Route handlers
 * and layouts check again (and check roles); this is the net under them.
 */

/** Paths reachable without a session: the sign-in page and what it needs to render. /metrics checks its own bearer token. */
const publicPaths = [
  /^\/login\/?$/,
  /^\/api\/auth\/login(\/second-factor|\/enrol)?$/,
  /^\/api\/auth\/oidc\/[^/]+\/(start|callback)$/,
  /^\/_next\//,
  /^\/favicon\.ico$/,
  /^\/__nextjs/,
  /^\/metrics$/,
];

export const allowedMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The decoded-safe pathname, or null when the request target is not a path we could ever serve. */
export function requestPathname(rawUrl: string | undefined): string | null {
  if (!rawUrl || !rawUrl.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(rawUrl, "http://x");
    decodeURIComponent(url.pathname); // a malformed percent-encoding would fail later, deep in a route
  } catch {
    return null;
  }
  return url.pathname;
}

export function isPublicPath(pathname: string): boolean {
  return publicPaths.some((p) => p.test(pathname));
}

/** Content-Length as a number: 0 when absent, NaN when unreadable. */
function declaredLength(req: IncomingMessage): number {
  const header = req.headers["content-length"];
  if (header === undefined) return 0;
  return /^\d+$/.test(header) ? Number(header) : NaN;
}

const hasBody = (req: IncomingMessage) => declaredLength(req) > 0 || req.headers["transfer-encoding"] !== undefined;

/** Answers and closes: a refused request's body (if any) is never read. */
export function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close", ...headers });
  res.end(body);
}

/** refuse, in the language the request's Accept-Language asks for (nobody is known yet at the front door). */
async function refuseSaid(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  key: ErrorKey,
  values?: MessageValues,
  headers?: Record<string, string>,
): Promise<void> {
  const { error } = await translateError(localeFor(null, req.headers["accept-language"]), { key, values });
  refuse(res, status, error, headers);
}

/** True when the request may go on to Next; otherwise it has been answered. */
export async function frontDoor(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const pathname = requestPathname(req.url);
  if (pathname === null) {
    await refuseSaid(req, res, 400, "addressInvalid");
    return false;
  }
  if (!(allowedMethods as readonly string[]).includes(req.method ?? "")) {
    await refuseSaid(req, res, 405, "methodNotSupported", { method: req.method ?? "" }, { Allow: allowedMethods.join(", ") });
    return false;
  }
  if (healthPaths.has(pathname) && (req.method === "GET" || req.method === "HEAD")) {
    await answerHealth(pathname, res);
    return false;
  }
  const length = declaredLength(req);
  if (Number.isNaN(length)) {
    await refuseSaid(req, res, 400, "contentLengthInvalid");
    return false;
  }
  if (isPublicPath(pathname)) {
    if (length > limits.unauthenticatedBodyBytes) {
      await refuseSaid(req, res, 413, "bodyTooLarge", { limit: `${limits.unauthenticatedBodyBytes / 1024} KiB` });
      return false;
    }
    return true;
  }
  const bearer = pathname.startsWith("/api/") ? bearerSecret(req.headers.authorization) : null;
  if (bearer) {
    const check = await checkBearer(bearer);
    if (check.actor) return true;
    await auditRefusedToken(check, req.method ?? "", pathname, clientAddressOf(nodeHeaderGetter(req.headers)));
    await refuseSaid(req, res, 401, "tokenInvalid");
    return false;
  }
  if (await actorFromToken(cookieFromHeader(req.headers.cookie))) return true;
  if (pathname.startsWith("/api/")) {
    await refuseSaid(req, res, 401, "signInFirst");
  } else {
    const nextPath = pathname + (req.url?.includes("?") ? req.url.slice(req.url.indexOf("?")) : "");
    res.writeHead(302, {
      Location: `/login${nextPath === "/" ? "" : `?next=${encodeURIComponent(nextPath)}`}`,
      ...(hasBody(req) ? { Connection: "close" } : {}),
    });
    res.end();
  }
  return false;
}
