import "server-only";
import { WATCH_PARAM, type Colleague } from "@/lib/consoles/presence";
import { can, type Grant, type Role } from "@/lib/roles";
import { auditRow } from "../audit";
import { db } from "../db";
import { resolveGuest } from "../guests/guest-target";
import { ApiError } from "../http/errors";
import { sendInvite } from "./presence";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";

const scopeOf = (hostId: string, uuid: string) => ({ kind: "guest" as const, hostId, guestUuid: uuid });

/** People other than `actor` who may open this guest's console (enabled accounts), by name. */
export async function consoleColleagues({ actor }: VerbContext, { hostId, uuid }: GuestRef): Promise<Colleague[]> {
  const users = await db().user.findMany({
    where: { disabled: false, id: { not: actor.id } },
    select: { id: true, username: true, displayName: true, grants: { select: { role: true, scope: true, hostId: true, guestUuid: true } } },
    orderBy: { username: "asc" },
  });
  return users
    .filter((u) => can(u.grants.map(asGrant), "guest.console", scopeOf(hostId, uuid)))
    .map((u) => ({ id: u.id, name: u.displayName || u.username, username: u.username }));
}

const asGrant = (g: { role: string; scope: string; hostId: string | null; guestUuid: string | null }): Grant => ({
  role: g.role as Role,
  scope: g.scope as Grant["scope"],
  hostId: g.hostId,
  guestUuid: g.guestUuid,
});

/**
 * Asks a colleague to watch this guest's display: their open pages show the invitation with a link to the
 * console page in view-only mode. The link carries no secret: opening it mints the colleague's own ticket,
 * so it works only for someone who may open this console anyway. Audited.
 */
export async function inviteColleague(
  ctx: VerbContext,
  { hostId, uuid, userId }: GuestRef & { userId: string },
): Promise<{ link: string }> {
  const { actor } = ctx;
  const colleague = (await consoleColleagues(ctx, { hostId, uuid })).find((c) => c.id === userId);
  if (!colleague) throw new ApiError(422, { key: "colleagueNoAccess" });
  const guest = await resolveGuest(hostId, uuid);
  const link = `/guests/${encodeURIComponent(hostId)}/${uuid}/console?${WATCH_PARAM.name}=${WATCH_PARAM.value}`;
  await sendInvite({ to: colleague.id, hostId, uuid, guest: guest.dom.name, from: actor.displayName || actor.username });
  await auditRow(
    ctx,
    {
      action: "console.invite",
      target: `guest:${guest.hostName}/${guest.dom.name} (${uuid})`,
      details: { to: colleague.username, mode: "view" },
    },
    "ok",
  );
  return { link };
}
