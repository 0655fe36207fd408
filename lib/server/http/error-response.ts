import "server-only";
import { errorFields, log } from "../log";
import { isAbortError, isConnectionClosedError, isLibvirtError, isProtocolError, isTimeoutError } from "@/lib/libvirt";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { isHostUnavailableError } from "../hosts/connections";
import { currentRequestId } from "../request-context";
import { isApiError, type Said } from "./errors";
import { translateError } from "./translate-error";

/** Errors from the server or a host carry the request's id, the one in the log and on its audit rows, to quote when asking. */
const json = (error: string, status: number, extra: Record<string, unknown> = {}) =>
  Response.json({ error, requestId: currentRequestId(), ...extra }, { status });

/**
 * An error as the JSON answer the page shows, in the requester's language (`locale`; libvirt's own messages stay
 * as libvirt wrote them, marked `libvirt: true`). Errors are told apart by their brand (lib/branded-error.ts),
 * not instanceof: server.ts and the route bundles load separate copies of these classes. The libvirt
 * subclasses come before LibvirtError itself, which they all are.
 */
export async function errorResponse(error: unknown, locale: Locale = defaultLocale): Promise<Response> {
  const say = async (said: Said, status: number) => json((await translateError(locale, said)).error, status);
  if (isApiError(error)) {
    // A refused body may still be arriving: close rather than read the rest of it.
    const headers = error.status === 413 ? { Connection: "close" } : undefined;
    const { error: sentence, fields } = await translateError(locale, error.said ?? { key: "invalidFields" }, error.saidFields);
    const libvirt = error.fromLibvirt ? { libvirt: true } : {};
    return Response.json({ error: error.said ? sentence : error.message, fields, ...libvirt }, { status: error.status, headers });
  }
  if (isHostUnavailableError(error)) {
    const detail = error.message.slice(error.hostName.length + 2);
    return say({ key: "hostUnavailable", values: { host: error.hostName, detail } }, 503);
  }
  if (isConnectionClosedError(error)) return say({ key: "connectionClosed", values: { detail: error.message } }, 503);
  if (isTimeoutError(error)) return say({ key: "hostTimeout", values: { detail: error.message } }, 504);
  // Cancelled: by the person (they left the page) or by someone stopping the operation.
  if (isAbortError(error) || (error instanceof DOMException && error.name === "AbortError")) return say({ key: "cancelled" }, 499);
  if (isProtocolError(error)) return say({ key: "unreadableAnswer", values: { detail: error.message } }, 502);
  if (isLibvirtError(error)) {
    log.warn({ libvirtError: error.message }, "libvirt refused");
    return json(error.message, 409, { libvirt: true });
  }
  log.error(errorFields(error), "request failed");
  return say({ key: "serverFailed" }, 500);
}
