import "server-only";
import { isAdmin } from "@/lib/roles";
import { db } from "../db";
import { forbidden } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Every account with its grants and sign-in source, for the admin's people page. Reading only. */
export async function listUsers({ actor }: VerbContext) {
  if (!isAdmin(actor.grants)) throw forbidden();
  const users = await db().user.findMany({
    orderBy: { username: "asc" },
    include: {
      grants: { include: { host: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      provider: { select: { name: true } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    source: u.source,
    providerName: u.provider?.name ?? null,
    twoFactor: u.totpEnabledAt !== null,
    grants: u.grants.map((g) => ({
      id: g.id,
      role: g.role,
      scope: g.scope,
      hostId: g.hostId,
      hostName: g.host?.name ?? null,
      guestUuid: g.guestUuid,
      tag: g.tag,
      providerId: g.providerId,
    })),
  }));
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
