// Shared by server and browser: the roles people can be granted, and what each may do.

export const roles = ["admin", "operator", "helpdesk", "viewer", "power-user", "user"] as const;
export type Role = (typeof roles)[number];

/** Whether a stored string is one of the roles above (rows written by an older release may hold others). */
export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

// Each role's name and description in words are in the messages (roles.name, roles.description).

export const permissions = [
  "admin",
  "host.view",
  "host.manage",
  "guest.view",
  "guest.power",
  "guest.console",
  "guest.manage",
  /** Take snapshots, and revert to or delete one's own (guest.manage: anyone's). */
  "guest.snapshot",
  /** Create guests from the host's templates (guest.manage creates them by any means). */
  "guest.create",
  "guest.delete",
  "storage.view",
  "storage.manage",
  "network.view",
  "network.manage",
  "metrics.view",
  "alerts.manage",
] as const;
export type Permission = (typeof permissions)[number];

const viewing: Permission[] = ["host.view", "guest.view", "storage.view", "network.view", "metrics.view"];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  operator: [
    ...viewing,
    "guest.power",
    "guest.console",
    "guest.manage",
    "guest.snapshot",
    "guest.create",
    "guest.delete",
    "storage.manage",
    "network.manage",
    "alerts.manage",
  ],
  helpdesk: ["guest.view", "guest.power", "guest.console"],
  viewer: viewing,
  "power-user": ["guest.view", "guest.power", "guest.console", "guest.snapshot", "guest.create", "guest.delete"],
  user: ["guest.view", "guest.power", "guest.console", "guest.snapshot"],
};

/**
 * The self-service roles (the portal's people) reach guests one by one: those assigned to them (a guest or tag
 * grant) and, for power users, those they made (lib/server/quotas/owned-guests.ts). Granted on a host or everywhere, they give only
 * what is listed here (a power user may create guests from that host's templates), never a look at others' guests.
 */
const selfServiceWide: Partial<Record<Role, readonly Permission[]>> = { "power-user": ["guest.create"], user: [] };

export const grantScopes = ["global", "host", "guest", "tag"] as const;
export type GrantScope = (typeof grantScopes)[number];

/**
 * A role on a scope. `only`, when set, narrows the role to those of its permissions: what an API token's grant
 * leaves once met with its owner's grants (see intersectGrants). `tag` names the tag of a "tag" grant: it
 * reaches every guest carrying that tag, once the server has expanded it (expandTagGrants).
 */
export type Grant = {
  role: Role;
  scope: GrantScope;
  hostId: string | null;
  guestUuid: string | null;
  tag?: string | null;
  only?: readonly Permission[];
  /** Set on the guest grants expandTagGrants made: the tag grant they come from (lists show that one instead). */
  viaTag?: string;
  /** Set on the guest grants a power user has on the guests they made (lists leave them out). */
  viaOwner?: true;
};

const grantAllows = (grant: Grant, permission: Permission) =>
  rolePermissions[grant.role].includes(permission) &&
  (!grant.only || grant.only.includes(permission)) &&
  (grant.scope === "guest" || grant.scope === "tag" || (selfServiceWide[grant.role]?.includes(permission) ?? true));

const permissionsOf = (grant: Grant): Permission[] => rolePermissions[grant.role].filter((p) => grantAllows(grant, p));

/** What an action touches: everything, one host (and its guests), one guest, or the guests carrying a tag. */
export type Scope =
  | { kind: "global" }
  | { kind: "host"; hostId: string }
  | { kind: "guest"; hostId: string; guestUuid: string }
  | { kind: "tag"; tag: string };

function grantCovers(grant: Grant, scope: Scope): boolean {
  switch (grant.scope) {
    case "global":
      return true;
    case "host":
      return (scope.kind === "host" || scope.kind === "guest") && scope.hostId === grant.hostId;
    case "guest":
      return scope.kind === "guest" && scope.hostId === grant.hostId && scope.guestUuid === grant.guestUuid;
    case "tag":
      // A guest is reached through the guest grants expandTagGrants made of this one.
      return scope.kind === "tag" && scope.tag === grant.tag;
  }
}

export function can(grants: readonly Grant[], permission: Permission, scope: Scope = { kind: "global" }): boolean {
  return grants.some((g) => grantCovers(g, scope) && grantAllows(g, permission));
}

const scopeWidth: Record<GrantScope, number> = { guest: 0, tag: 0, host: 1, global: 2 };

/**
 * True if a grant at least as wide as `reach` gives `permission` somewhere: "guest" (the default) counts any
 * grant, even on one guest; "host" needs a whole host or everything; "global" needs everything.
 * E.g. whether to offer a page or a menu entry (the server still checks each object).
 */
export function canSomewhere(grants: readonly Grant[], permission: Permission, reach: GrantScope = "guest"): boolean {
  return grants.some((g) => scopeWidth[g.scope] >= scopeWidth[reach] && grantAllows(g, permission));
}

/** True if the person may do `permission` somewhere, even on a single guest. */
export function canAnywhere(grants: readonly Grant[], permission: Permission): boolean {
  return canSomewhere(grants, permission, "guest");
}

/**
 * The one rule for seeing a host itself (its page, its entry in host lists, its URI, connection state, capacity,
 * storage and networks start from it): host.view on that host, from a global or a host grant. Someone who may
 * only see guests on it (a guest grant, or helpdesk) sees nothing of the host but its name beside those guests.
 */
export function canSeeHost(grants: readonly Grant[], hostId: string): boolean {
  return can(grants, "host.view", { kind: "host", hostId });
}

/** True if `permission` reaches this host or at least one guest on it (a guest grant counts). */
export function canOnHostOrItsGuests(grants: readonly Grant[], permission: Permission, hostId: string): boolean {
  return grants.some((g) => (g.scope === "global" || g.hostId === hostId) && grantAllows(g, permission));
}

export function isAdmin(grants: readonly Grant[]): boolean {
  return can(grants, "admin");
}

/** The scope a grant covers, as `can` takes it. */
export function scopeOfGrant(grant: Grant): Scope {
  if (grant.scope === "global") return { kind: "global" };
  if (grant.scope === "host") return { kind: "host", hostId: grant.hostId ?? "" };
  if (grant.scope === "tag") return { kind: "tag", tag: grant.tag ?? "" };
  return { kind: "guest", hostId: grant.hostId ?? "", guestUuid: grant.guestUuid ?? "" };
}

/** True if everything `grant` gives is already given by `grants` (a token may hold only such grants). */
export function grantWithin(grant: Grant, grants: readonly Grant[]): boolean {
  return permissionsOf(grant).every((p) => can(grants, p, scopeOfGrant(grant)));
}

/**
 * What two sets of grants allow together: `can(result, p, s)` holds exactly when both `can(a, p, s)` and
 * `can(b, p, s)` do (scopes nest, so two grants covering one scope always have a narrower of the two).
 * An API token's grants are met with its owner's current ones on every call, so a removed grant narrows
 * the token at once.
 */
export function intersectGrants(a: readonly Grant[], b: readonly Grant[]): Grant[] {
  const result: Grant[] = [];
  for (const x of a) {
    for (const y of b) {
      const narrower = grantCovers(y, scopeOfGrant(x)) ? x : grantCovers(x, scopeOfGrant(y)) ? y : null;
      if (!narrower) continue;
      const only = permissionsOf(x).filter((p) => grantAllows(y, p));
      if (only.length) result.push({ ...scopeFields(narrower), role: x.role, only });
    }
  }
  return result;
}

const scopeFields = (g: Grant) => ({
  scope: g.scope,
  hostId: g.hostId,
  guestUuid: g.guestUuid,
  ...(g.scope === "tag" ? { tag: g.tag ?? null } : {}),
});

/** A guest and the tags it carries now, as the server's tag index knows them. */
export type TaggedGuest = { hostId: string; uuid: string; tags: readonly string[] };

/**
 * The grants with each tag grant also given as a guest grant on every guest carrying its tag (same role, same
 * `only`), so `can` on a guest needs no tags: a guest tagged after the grant is reached at the next read of
 * the person, and one whose tag is removed is not. The tag grants themselves stay (lists, canSomewhere).
 */
export function expandTagGrants(grants: readonly Grant[], tagged: readonly TaggedGuest[]): Grant[] {
  const expanded: Grant[] = [...grants];
  for (const grant of grants) {
    if (grant.scope !== "tag" || !grant.tag) continue;
    for (const guest of tagged) {
      if (!guest.tags.includes(grant.tag)) continue;
      expanded.push({
        role: grant.role,
        scope: "guest",
        hostId: guest.hostId,
        guestUuid: guest.uuid,
        viaTag: grant.tag,
        ...(grant.only ? { only: grant.only } : {}),
      });
    }
  }
  return expanded;
}

/** The tags a person's tag grants name (to read only the guests that matter from the tag index). */
export function grantedTags(grants: readonly Grant[]): string[] {
  return [...new Set(grants.flatMap((g) => (g.scope === "tag" && g.tag ? [g.tag] : [])))];
}
