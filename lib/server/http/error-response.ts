import "server-only";
import { errorFields, log } from "../log";
import { isAbortError, isConnectionClosedError, isLibvirtError, isProtocolError, isTimeoutError } from "@/lib/libvirt";
import { isHostUnavailableError } from "../hosts/connections";
import { currentRequestId } from "../request-context";
import { isApiError } from "./errors";

/** Errors from the server or a host carry the request's id, the one in the log and on its audit rows, to quote when asking. */
const json = (error: string, status: number, extra: Record<string, unknown> = {}) =>
  Response.json({ error, requestId: currentRequestId(), ...extra }, { status });

/**
 * An error as the JSON answer the page shows. Errors are told apart by their brand (lib/branded-error.ts),
 * not instanceof: server.ts and the route bundles load separate copies of these classes. The libvirt
 * subclasses come before LibvirtError itself, which they all are.
 */
export function errorResponse(error: unknown): Response {
  if (isApiError(error)) {
    // A refused body may still be arriving: close rather than read the rest of it.
    const headers = error.status === 413 ? { Connection: "close" } : undefined;
    return Response.json({ error: error.message, fields: error.fields }, { status: error.status, headers });
  }
  if (isHostUnavailableError(error) || isConnectionClosedError(error)) return json(error.message, 503);
  if (isTimeoutError(error)) return json(`The host did not answer in time (${error.message})`, 504);
  // Cancelled: by the person (they left the page) or by someone stopping the operation.
  if (isAbortError(error) || (error instanceof DOMException && error.name === "AbortError"))
    return json("The operation was cancelled before it finished", 499);
  if (isProtocolError(error)) return json(`The host's libvirt sent an answer the console cannot read (${error.message})`, 502);
  if (isLibvirtError(error)) {
    log.warn({ libvirtError: error.message }, "libvirt refused");
    return json(error.message, 409, { libvirt: true });
  }
  log.error(errorFields(error), "request failed");
  return json("Something went wrong on the server; the details are in its log", 500);
}
