// Opening any console: a fresh single-use ticket from the server, then the WebSocket URL it names.
import type { AccessEndedReason } from "@/lib/auth/access-ended";
import { api, ApiRequestError } from "@/lib/client/api";
import type { ConsoleKind } from "@/lib/consoles/types";

export type ConsoleRequest = { kind: ConsoleKind; device?: string; force?: boolean };

export const consoleApiPath = (hostId: string, uuid: string, what = "console") =>
  `/api/hosts/${encodeURIComponent(hostId)}/guests/${uuid}/${what}`;

export async function consoleSocketUrl(hostId: string, uuid: string, request: ConsoleRequest): Promise<string> {
  const { path } = await api<{ path: string }>(consoleApiPath(hostId, uuid), { body: request });
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${path}`;
}

/** After a display closed unexpectedly: has the person lost access to this console? Why, if so (messages' "accessEnded"). */
export async function lostConsoleAccess(hostId: string, uuid: string): Promise<AccessEndedReason | null> {
  try {
    await api(consoleApiPath(hostId, uuid));
    return null;
  } catch (err) {
    if (!(err instanceof ApiRequestError)) return null;
    if (err.status === 401) return "signed-out";
    if (err.status === 403) return "guest-access-removed";
    return null;
  }
}
