import "server-only";
import { sameGroup } from "@/lib/identity/groups";
import type { Grant } from "@/lib/roles";
import type { GroupMapping } from "@/lib/validations/identity";
import { grantFromInput } from "@/lib/validations/users";
import { accessChanged } from "../auth/access-changed";
import { auditRow } from "../audit";
import { db } from "../db";
import { ApiError } from "../http/errors";
import { newId } from "../ids";
import type { LoadedProvider } from "./providers";

export type ExternalPerson = { externalId: string; username: string; displayName: string; groups: string[] };

/** The grants a person's groups give through the provider's mappings, once each. */
export function mappedGrants(mappings: GroupMapping[], groups: string[]): Grant[] {
  const seen = new Set<string>();
  const grants: Grant[] = [];
  for (const m of mappings) {
    if (!groups.some((g) => sameGroup(g, m.group))) continue;
    const grant = grantFromInput(m.grant);
    const key = JSON.stringify(grant);
    if (!seen.has(key)) grants.push(grant);
    seen.add(key);
  }
  return grants;
}

/**
 * Creates the person on their first sign-in through a provider and updates them on every one: their name, their
 * groups (for group quotas), and the grants the groups give (a group removed at the provider removes its grant now).
 * Grants an admin gave by hand stay. Someone else's account with the same user name is never taken over.
 */
export async function syncExternalUser(provider: LoadedProvider, person: ExternalPerson, ip: string) {
  const wanted = mappedGrants(provider.config.mappings, person.groups);
  const { user, removed } = await db().$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { providerId_externalId: { providerId: provider.id, externalId: person.externalId } } });
    const actor = { id: user?.id ?? null, username: person.username };
    if (!user) {
      if (await tx.user.findUnique({ where: { username: person.username } })) {
        await auditRow({ actor, ip }, { action: "auth.login", details: { reason: "name taken", provider: provider.name } }, "denied", tx);
        throw new ApiError(409, { key: "accountNameTaken", values: { name: person.username } });
      }
      user = await tx.user.create({
        data: {
          id: newId(),
          username: person.username,
          displayName: person.displayName,
          passwordHash: "",
          source: provider.kind,
          providerId: provider.id,
          externalId: person.externalId,
          groups: JSON.stringify(person.groups),
        },
      });
      await auditRow(
        { actor: user, ip },
        { action: "user.create", target: `user:${user.username}`, details: { provider: provider.name } },
        "ok",
        tx,
      );
    } else if (user.displayName !== person.displayName || user.groups !== JSON.stringify(person.groups)) {
      // The groups as reported now: a group's quota counts this person's guests while they are in it.
      user = await tx.user.update({
        where: { id: user.id },
        data: { displayName: person.displayName, groups: JSON.stringify(person.groups) },
      });
    }
    const existing = await tx.roleGrant.findMany({ where: { userId: user.id } });
    const same = (g: { role: string; scope: string; hostId: string | null; guestUuid: string | null; tag: string | null }, w: Grant) =>
      g.role === w.role && g.scope === w.scope && g.hostId === w.hostId && g.guestUuid === w.guestUuid && g.tag === (w.tag ?? null);
    const removed = existing.filter((g) => g.providerId === provider.id && !wanted.some((w) => same(g, w)));
    const hosts = new Set((await tx.host.findMany({ select: { id: true } })).map((h) => h.id));
    const added = wanted.filter((w) => !existing.some((g) => same(g, w)) && (w.hostId === null || hosts.has(w.hostId)));
    if (removed.length) await tx.roleGrant.deleteMany({ where: { id: { in: removed.map((g) => g.id) } } });
    for (const g of added) await tx.roleGrant.create({ data: { id: newId(), userId: user.id, providerId: provider.id, ...g } });
    const describe = (g: { role: string; scope: string; hostId: string | null; guestUuid: string | null; tag?: string | null }) => ({
      role: g.role,
      scope: g.scope,
      hostId: g.hostId,
      guestUuid: g.guestUuid,
      tag: g.tag ?? null,
    });
    const via = { provider: provider.name, groups: person.groups };
    for (const g of added)
      await auditRow(
        { actor: user, ip },
        { action: "user.grant", target: `user:${user.username}`, details: { ...describe(g), ...via } },
        "ok",
        tx,
      );
    for (const g of removed)
      await auditRow(
        { actor: user, ip },
        { action: "user.revoke", target: `user:${user.username}`, details: { ...describe(g), ...via } },
        "ok",
        tx,
      );
    return { user, removed };
  });
  if (removed.length) await accessChanged(user.id, "signed-out");
  return user;
}
