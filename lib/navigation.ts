import type { Permission } from "./roles";

export type NavItem = { href: string; label: string; permission: Permission | null };

// The sidebar, declared as data; entries a person's roles don't reach are hidden (the server still checks).
export const navigation: NavItem[] = [
  { href: "/", label: "Dashboard", permission: null },
  { href: "/guests", label: "Guests", permission: "guest.view" },
  { href: "/hosts", label: "Hosts", permission: "host.view" },
  { href: "/storage", label: "Storage", permission: "storage.view" },
  { href: "/networks", label: "Networks", permission: "network.view" },
  { href: "/admin/users", label: "Admin", permission: "admin" },
];
