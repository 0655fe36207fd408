// Opening any console: a fresh single-use ticket from the server, then the WebSocket URL it names.
import { accessEndedMessage, accessEndedMessages } from "@/lib/auth/access-ended";
import { api, ApiRequestError } from "@/lib/client/api";
import type { ConsoleKind } from "@/lib/consoles/types";

export type ConsoleRequest = { kind: ConsoleKind; device?: string; force?: boolean };

export const consoleApiPath = (hostId: string, uuid: string, what = "console") =>
  `/api/hosts/${encodeURIComponent(hostId)}/guests/${uuid}/${what}`;

export async function consoleSocketUrl(hostId: string, uuid: string, request: ConsoleRequest): Promise<string> {
  const { path } = await api<{ path: string }>(consoleApiPath(hostId, uuid), { body: request });
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${path}`;
}

/**
 * The server closes with a 4000-range code and a sentence when the guest's side refused or failed, and with
 * ACCESS_ENDED_CLOSE_CODE when the person's access ended (signed out, grant removed, …).
 */
export function serverReason(event: { code: number; reason: string }): string | null {
  return accessEndedMessage(event) ?? (event.code >= 4000 && event.reason ? event.reason : null);
}

/** After a display closed unexpectedly: has the person lost access to this console? The sentence if so. */
export async function lostConsoleAccess(hostId: string, uuid: string): Promise<string | null> {
  try {
    await api(consoleApiPath(hostId, uuid));
    return null;
  } catch (err) {
    if (!(err instanceof ApiRequestError)) return null;
    if (err.status === 401) return accessEndedMessages["signed-out"];
    if (err.status === 403) return accessEndedMessages["guest-access-removed"];
    return null;
  }
}
