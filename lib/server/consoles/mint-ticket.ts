import "server-only";
import { parseUri } from "@/lib/libvirt";
import type { GuestRef } from "@/lib/guests/types";
import { db } from "../db";
import type { VerbContext } from "../verb-context";
import { resolveGuest } from "../guests/guest-target";
import { ApiError } from "../http/errors";
import { warmSshClient } from "../hosts/ssh-clients";
import type { ConsoleKind } from "@/lib/consoles/types";
import { ConsoleUnavailableError, displayEndpoint } from "./display-endpoint";
import { consoleTickets, type RememberedDisplay } from "./tickets";

/**
 * A ticket for one console of one guest. The guest must be running and, for a display, have one of that
 * kind, so the page can say why before it tries to connect. A display's address, port and password go
 * with the ticket (sealed), so the relay dials it without reading the guest's definition again.
 */
export async function mintConsoleTicket(
  { actor }: VerbContext,
  { hostId, uuid, kind, ...options }: GuestRef & { kind: ConsoleKind; device?: string; force?: boolean },
) {
  if (kind !== "serial") void warmDisplayRoute(hostId);
  const guest = await resolveGuest(hostId, uuid);
  // Both asked at once; a guest that is not running is said so, whatever its display.
  const [active, endpoint] = await Promise.allSettled([
    guest.lv.domains.isActive(guest.dom),
    kind === "serial" ? null : displayEndpoint(guest, kind),
  ]);
  if (active.status === "rejected") throw active.reason;
  if (!active.value) throw new ApiError(409, { key: "notRunningConsole" });
  if (endpoint.status === "rejected")
    throw endpoint.reason instanceof ConsoleUnavailableError ? new ApiError(409, endpoint.reason.said) : endpoint.reason;
  const display: RememberedDisplay | undefined = endpoint.value ? { ...endpoint.value, domainId: guest.dom.id } : undefined;
  const { ticket, expiresAt } = await consoleTickets().mint(actor.id, { hostId, uuid, kind, ...options, display });
  return { ticket, expiresAt, path: `/ws/${kind}?ticket=${encodeURIComponent(ticket)}` };
}

/** A display on a host reached over SSH goes through the host's SSH connection: opened now, while the page connects. */
async function warmDisplayRoute(hostId: string): Promise<void> {
  const host = await db()
    .host.findUnique({ where: { id: hostId } })
    .catch(() => null);
  if (host && parseUri(host.uri).transport === "ssh") warmSshClient(host);
}
