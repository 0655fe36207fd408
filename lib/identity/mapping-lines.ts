// Shared by the admin form and its tests: group mappings written one per line, as an admin reads them.
//   admins = admin                      (everywhere)
//   lab-operators = operator @lab-1     (on the host named lab-1)
//   desk = helpdesk @lab-1/<guest uuid> (on one guest of that host)
//   berlin = helpdesk #branch-berlin     (on every guest tagged branch-berlin)
import { roles, type Role } from "@/lib/roles";
import type { GroupMapping } from "@/lib/validations/identity";

type Host = { id: string; name: string };

export function formatMappings(mappings: GroupMapping[], hosts: Host[]): string {
  const nameOf = (id: string | null | undefined) => hosts.find((h) => h.id === id)?.name ?? id ?? "";
  return mappings
    .map(({ group, grant }) => {
      if (grant.scope === "global") return `${group} = ${grant.role}`;
      if (grant.scope === "tag") return `${group} = ${grant.role} #${grant.tag ?? ""}`;
      if (grant.scope === "host") return `${group} = ${grant.role} @${nameOf(grant.hostId)}`;
      return `${group} = ${grant.role} @${nameOf(grant.hostId)}/${grant.guestUuid}`;
    })
    .join("\n");
}

/** Why a line cannot be read: the key of its words (identityAdmin.mappingError.<key>) and what they name. */
export type MappingProblem =
  { key: "notRole"; line: number; role: string } | { key: "unreadable"; line: number } | { key: "noHost"; line: number; host: string };

/** The mappings in `text`, or the first line that cannot be read with why. */
export function parseMappings(text: string, hosts: Host[]): { mappings: GroupMapping[] } | { error: MappingProblem } {
  const mappings: GroupMapping[] = [];
  const lines = text.split("\n").map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (!line || line.startsWith("#")) continue;
    const lineNo = i + 1;
    const onTag = /^(.+?)\s*=\s*(\w+)\s+#(\S+)$/.exec(line);
    if (onTag) {
      const [, group, role, tag] = onTag;
      if (!(roles as readonly string[]).includes(role)) return { error: { key: "notRole", line: lineNo, role } };
      mappings.push({ group, grant: { role: role as Role, scope: "tag", tag } });
      continue;
    }
    const match = /^(.+?)\s*=\s*(\w+)(?:\s+@([^/]+?)(?:\/(\S+))?)?$/.exec(line);
    if (!match) return { error: { key: "unreadable", line: lineNo } };
    const [, group, role, hostName, guestUuid] = match;
    if (!(roles as readonly string[]).includes(role)) return { error: { key: "notRole", line: lineNo, role } };
    if (!hostName) {
      mappings.push({ group, grant: { role: role as Role, scope: "global" } });
      continue;
    }
    const host = hosts.find((h) => h.name === hostName.trim());
    if (!host) return { error: { key: "noHost", line: lineNo, host: hostName.trim() } };
    mappings.push({
      group,
      grant: guestUuid
        ? { role: role as Role, scope: "guest", hostId: host.id, guestUuid }
        : { role: role as Role, scope: "host", hostId: host.id },
    });
  }
  return { mappings };
}
