import "server-only";
import { db } from "../db";

export async function listUsers() {
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
      providerId: g.providerId,
    })),
  }));
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
