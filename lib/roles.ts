// Shared by server and browser: the roles people can be granted, and what each may do.

export const roles = ["admin", "operator", "helpdesk", "viewer"] as const;
export type Role = (typeof roles)[number];

export const roleDescriptions: Record<Role, string> = {
  admin: "Everything, including users, hosts and the audit log",
  operator: "Create, change and run guests, storage and networks",
  helpdesk: "Open consoles and power-cycle guests, nothing else",
  viewer: "Read-only: inventory and dashboards",
};

export const permissions = [
  "admin",
  "host.view",
  "host.manage",
  "guest.view",
  "guest.power",
  "guest.console",
  "guest.manage",
  "storage.view",
  "storage.manage",
  "network.view",
  "network.manage",
  "metrics.view",
] as const;
export type Permission = (typeof permissions)[number];

const viewing: Permission[] = ["host.view", "guest.view", "storage.view", "network.view", "metrics.view"];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  operator: [...viewing, "guest.power", "guest.console", "guest.manage", "storage.manage", "network.manage"],
  helpdesk: ["guest.view", "guest.power", "guest.console"],
  viewer: viewing,
};

export const grantScopes = ["global", "host", "guest"] as const;
export type GrantScope = (typeof grantScopes)[number];

export type Grant = { role: Role; scope: GrantScope; hostId: string | null; guestUuid: string | null };

/** What an action touches: everything, one host (and its guests), or one guest. */
export type Scope = { kind: "global" } | { kind: "host"; hostId: string } | { kind: "guest"; hostId: string; guestUuid: string };

function grantCovers(grant: Grant, scope: Scope): boolean {
  switch (grant.scope) {
    case "global":
      return true;
    case "host":
      return scope.kind !== "global" && scope.hostId === grant.hostId;
    case "guest":
      return scope.kind === "guest" && scope.hostId === grant.hostId && scope.guestUuid === grant.guestUuid;
  }
}

export function can(grants: readonly Grant[], permission: Permission, scope: Scope = { kind: "global" }): boolean {
  return grants.some((g) => grantCovers(g, scope) && rolePermissions[g.role].includes(permission));
}

/** True if the person may do `permission` somewhere, e.g. to decide whether to show a menu entry. */
export function canAnywhere(grants: readonly Grant[], permission: Permission): boolean {
  return grants.some((g) => rolePermissions[g.role].includes(permission));
}

export function isAdmin(grants: readonly Grant[]): boolean {
  return can(grants, "admin");
}
