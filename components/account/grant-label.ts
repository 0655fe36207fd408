import type { Grant } from "@/lib/roles";

/** "operator everywhere", "viewer on host lab-1", "helpdesk on one guest of host lab-1", "helpdesk on guests tagged web". */
export function grantLabel(
  g: Pick<Grant, "role" | "scope"> & { hostId?: string | null; guestUuid?: string | null; tag?: string | null },
  hostNames: Map<string, string>,
): string {
  const host = g.hostId ? (hostNames.get(g.hostId) ?? g.hostId) : "";
  if (g.scope === "global") return `${g.role} everywhere`;
  if (g.scope === "host") return `${g.role} on host ${host}`;
  if (g.scope === "tag") return `${g.role} on guests tagged ${g.tag ?? ""}`;
  return `${g.role} on guest ${g.guestUuid} of host ${host}`;
}
