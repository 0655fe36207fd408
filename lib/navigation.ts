import { canSomewhere, type Grant, type GrantScope, type Permission } from "./roles";

/**
 * A sidebar entry: shown to people who hold `permission` through a grant at least as wide as `reach` (a page
 * about hosts is no use to someone granted one guest). The page itself checks the same with `mayOpen`.
 */
export type NavItem = { href: string; label: NavLabel; permission: Permission | null; reach: GrantScope };

/** The entry's name: a key of the "nav" messages (messages/*.json). */
export type NavLabel = "dashboard" | "guests" | "portal" | "hosts" | "storage" | "networks" | "schedules" | "alerts" | "reports" | "admin";

// The sidebar, declared as data; entries a person's roles don't reach are hidden (the server still checks).
export const navigation: NavItem[] = [
  { href: "/", label: "dashboard", permission: null, reach: "guest" },
  { href: "/guests", label: "guests", permission: "guest.view", reach: "guest" },
  { href: "/portal", label: "portal", permission: "guest.create", reach: "guest" },
  { href: "/hosts", label: "hosts", permission: "host.view", reach: "host" },
  { href: "/storage", label: "storage", permission: "storage.view", reach: "host" },
  { href: "/networks", label: "networks", permission: "network.view", reach: "host" },
  { href: "/schedules", label: "schedules", permission: "guest.power", reach: "guest" },
  { href: "/alerts", label: "alerts", permission: "metrics.view", reach: "guest" },
  { href: "/reports", label: "reports", permission: "metrics.view", reach: "guest" },
  { href: "/admin/users", label: "admin", permission: "admin", reach: "global" },
];

export function mayOpen(item: NavItem, grants: readonly Grant[]): boolean {
  return item.permission === null || canSomewhere(grants, item.permission, item.reach);
}

/** The entries this person sees. */
export function navigationFor(grants: readonly Grant[]): NavItem[] {
  return navigation.filter((item) => mayOpen(item, grants));
}

/** The entry of a top-level page, for the page's own check (the same rule as the sidebar's). */
export function navItem(href: string): NavItem {
  const item = navigation.find((i) => i.href === href);
  if (!item) throw new Error(`no navigation entry for ${href}`);
  return item;
}
