// Opening any console: a fresh single-use ticket from the server, then the WebSocket URL it names.
import { api } from "@/lib/client/api";
import type { ConsoleKind } from "@/lib/consoles/types";

export type ConsoleRequest = { kind: ConsoleKind; device?: string; force?: boolean };

export const consoleApiPath = (hostId: string, uuid: string, what = "console") =>
  `/api/hosts/${encodeURIComponent(hostId)}/guests/${uuid}/${what}`;

export async function consoleSocketUrl(hostId: string, uuid: string, request: ConsoleRequest): Promise<string> {
  const { path } = await api<{ path: string }>(consoleApiPath(hostId, uuid), { body: request });
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${path}`;
}

/** The server closes with a 4000-range code and a sentence when the guest's side refused or failed. */
export function serverReason(event: { code: number; reason: string }): string | null {
  return event.code >= 4000 && event.reason ? event.reason : null;
}
