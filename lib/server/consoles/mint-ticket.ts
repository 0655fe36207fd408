import "server-only";
import { parseUri } from "@/lib/libvirt";
import type { Actor } from "../auth/session";
import { db } from "../db";
import { resolveGuest } from "../guests/guest-target";
import { ApiError } from "../http/errors";
import { warmSshClient } from "../hosts/ssh-clients";
import type { ConsoleKind } from "@/lib/consoles/types";
import { consoleTickets } from "./tickets";

/**
 * A ticket for one console of one guest. The guest must exist and, for VNC, have VNC graphics, so the
 * page can say why before it tries to connect.
 */
export async function mintConsoleTicket(
  actor: Actor,
  hostId: string,
  uuid: string,
  kind: ConsoleKind,
  options: { device?: string; force?: boolean } = {},
) {
  if (kind !== "serial") void warmDisplayRoute(hostId);
  const { lv, dom } = await resolveGuest(hostId, uuid);
  if (!(await lv.domains.isActive(dom))) throw new ApiError(409, "The guest is not running; start it to open its console");
  const { ticket, expiresAt } = await consoleTickets().mint(actor.id, { hostId, uuid, kind, ...options });
  return { ticket, expiresAt, path: `/ws/${kind}?ticket=${encodeURIComponent(ticket)}` };
}

/** A display on a host reached over SSH goes through the host's SSH connection: opened now, while the page connects. */
async function warmDisplayRoute(hostId: string): Promise<void> {
  const host = await db()
    .host.findUnique({ where: { id: hostId } })
    .catch(() => null);
  if (host && parseUri(host.uri).transport === "ssh") warmSshClient(host);
}
